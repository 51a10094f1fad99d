import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allResources,
  isExpression,
  isObject,
  readJson,
  scopes,
  strings,
  TEMPLATES_DIR,
  type JsonObject,
  type Resource,
  type Template,
} from './arm.js';
import { loadConfig } from '../../config/index.js';

const TEMPLATE_FILE = 'azuredeploy.json';
const template = readJson<Template>(TEMPLATE_FILE);
const resources = allResources(template);

/** Every configuration variable of DESIGN.md that the web app gets as an app setting. */
const CONFIG_SETTINGS = [
  'HOST',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'MicrosoftAppType',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppTenantId',
  'TEXT_ANALYTICS_ENDPOINT',
  'TEXT_ANALYTICS_KEY',
  'TRANSLATOR_KEY',
  'TRANSLATOR_REGION',
  'TRANSLATOR_ENDPOINT',
  'APERTIUM_URL',
  'CUSTOM_VISION_PREDICTION_ENDPOINT',
  'CUSTOM_VISION_PREDICTION_KEY',
  'CUSTOM_VISION_PROJECT_ID',
  'CUSTOM_VISION_PUBLISHED_NAME',
  'IMAGE_MODEL_DIR',
  'CUSTOM_VISION_TRAINING_ENDPOINT',
  'CUSTOM_VISION_TRAINING_KEY',
  'CUSTOM_VISION_PREDICTION_RESOURCE_ID',
  'LABEL_DATA_DIR',
  'AZURE_SUBSCRIPTION_ID',
  'TRAINING_VMS',
  'AZURE_RESOURCE_MANAGER_ENDPOINT',
  'AZURE_CLIENT_ID',
  'VM_OPERATORS',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_API_URL',
  'VM_NOTICE_SECRET',
  'VM_AUTOSTOP_TIME_ZONE',
  'STATE_STORAGE_ACCOUNT_URL',
  'STATE_STORAGE_CONTAINER',
  'AZUREML_WORKSPACE',
  'AZUREML_EVENTS_SECRET',
];
/** Set by App Service itself (PORT), or never wanted: the identity is a managed identity, there is no client secret or storage key. */
const ABSENT_SETTINGS = ['PORT', 'AZURE_CLIENT_SECRET', 'AZURE_TENANT_ID', 'STATE_STORAGE_CONNECTION_STRING'];

const VM_OPERATOR_ACTIONS = [
  'Microsoft.Compute/virtualMachines/read',
  'Microsoft.Compute/virtualMachines/instanceView/read',
  'Microsoft.Compute/virtualMachines/start/action',
  'Microsoft.Compute/virtualMachines/deallocate/action',
  // vm autostop: the VM's auto-shutdown schedule (shutdown-computevm-<vm>, in the VM's resource group).
  'Microsoft.DevTestLab/schedules/read',
  'Microsoft.DevTestLab/schedules/write',
  'Microsoft.DevTestLab/schedules/delete',
  // Idle reminders: the VM's Percentage CPU through Resource Manager.
  'Microsoft.Insights/metrics/read',
];
/**
 * The Azure ML role: `jobs`/`job` read jobs, `job cancel` cancels one; `vm list`/`vm status` read the computes, `vm
 * start`/`vm stop` start and stop a compute instance, `vm autostop <instance> idle|off` posts updateIdleShutdownSetting
 * (Azure's resource provider operation names; a POST action is `<type>/<action>/action`).
 */
const AZUREML_ACTIONS = [
  'Microsoft.MachineLearningServices/workspaces/jobs/read',
  'Microsoft.MachineLearningServices/workspaces/jobs/cancel/action',
  'Microsoft.MachineLearningServices/workspaces/computes/read',
  'Microsoft.MachineLearningServices/workspaces/computes/start/action',
  'Microsoft.MachineLearningServices/workspaces/computes/stop/action',
  'Microsoft.MachineLearningServices/workspaces/computes/updateIdleShutdownSetting/action',
];
const AZUREML_DEPLOYMENT = "[format('{0}-azureml-access', parameters('botName'))]";
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const STORAGE_BLOB_DATA_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe';

function ofType(type: string): Resource[] {
  return resources.filter((resource) => resource.type === type);
}

function only(type: string): Resource {
  const found = ofType(type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0];
}

function props(resource: Resource): JsonObject {
  assert.ok(isObject(resource.properties), `${resource.type} has properties`);
  return resource.properties;
}

function appSettings(): Map<string, string> {
  const siteConfig = props(only('Microsoft.Web/sites')).siteConfig;
  assert.ok(isObject(siteConfig) && Array.isArray(siteConfig.appSettings));
  const settings = new Map<string, string>();
  for (const setting of siteConfig.appSettings) {
    assert.ok(isObject(setting) && typeof setting.name === 'string' && typeof setting.value === 'string');
    assert.ok(!settings.has(setting.name), `app setting ${setting.name} is declared twice`);
    settings.set(setting.name, setting.value);
  }
  return settings;
}

const IDENTITY_ID = "[variables('identityId')]";
const IDENTITY_CLIENT_ID = "[reference(variables('identityId'), '2023-01-31').clientId]";

describe('deploymentTemplates/azuredeploy.json', () => {
  describe('parameters and variables', () => {
    for (const scope of scopes(template)) {
      const declared = Object.keys(scope.template.parameters ?? {});

      it(`${scope.path}: every declared parameter is used`, () => {
        assert.deepEqual(declared.filter((name) => !scope.parametersUsed.has(name)), []);
      });

      it(`${scope.path}: every referenced parameter is declared in its own scope`, () => {
        assert.deepEqual([...scope.parametersUsed].filter((name) => !declared.includes(name)), []);
      });

      it(`${scope.path}: every variable is declared and used`, () => {
        const variables = Object.keys(scope.template.variables ?? {});
        assert.deepEqual([...scope.variablesUsed].filter((name) => !variables.includes(name)), [], 'undeclared');
        assert.deepEqual(variables.filter((name) => !scope.variablesUsed.has(name)), [], 'unused');
      });

      if (scope.deployment !== undefined) {
        it(`${scope.path}: the deployment passes exactly the inner template's parameters`, () => {
          const passed = props(scope.deployment!).parameters;
          assert.ok(isObject(passed));
          assert.deepEqual(Object.keys(passed).sort(), [...declared].sort());
        });
      }
    }

    it('finds the nested templates of the training VMs and of Azure ML as scopes of their own', () => {
      assert.equal(scopes(template).length, 3);
    });

    it('gives no secure parameter a default other than empty', () => {
      for (const [name, parameter] of Object.entries(template.parameters)) {
        if (parameter.type === 'secureString') assert.equal(parameter.defaultValue ?? '', '', name);
      }
    });

    it('lets secure parameters reach only Key Vault secrets and the Slack channel, never an app setting or output', () => {
      const secure = Object.entries(template.parameters)
        .filter(([, parameter]) => parameter.type === 'secureString')
        .map(([name]) => name);
      assert.ok(secure.length >= 8);
      const allowed = new Set(['Microsoft.KeyVault/vaults/secrets', 'Microsoft.BotService/botServices/channels']);
      const mentions = (texts: string[], name: string) => texts.some((text) => isExpression(text) && text.includes(`parameters('${name}')`));
      for (const resource of template.resources) {
        for (const name of secure) {
          if (allowed.has(resource.type)) continue;
          // The Event Grid subscription's URL carries the events secret: checked in 'Azure ML' below.
          if (name === 'azureMlEventsSecret' && resource.name === AZUREML_DEPLOYMENT) continue;
          // The only other use allowed: testing whether a secret was given at all.
          const texts = strings(resource).map((text) => text.replaceAll(`empty(parameters('${name}'))`, ''));
          assert.ok(!mentions(texts, name), `${resource.type} ${resource.name} uses secure parameter ${name}`);
        }
      }
      const outputs = strings(template.outputs);
      for (const name of secure) assert.ok(!mentions(outputs, name), `an output uses ${name}`);
      const variables = strings(template.variables).map((text) => text.replace(/empty\(parameters\('[^']+'\)\)/g, ''));
      for (const name of secure) assert.ok(!mentions(variables, name), `a variable uses ${name}`);
    });
  });

  it('documents every parameter in deploymentTemplates/README.md', () => {
    const readme = readFileSync(join(TEMPLATES_DIR, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]));
    assert.deepEqual(Object.keys(template.parameters).filter((name) => !documented.has(name)), []);
    assert.deepEqual([...documented].filter((name) => !(name in template.parameters)), []);
  });

  describe('parameter files', () => {
    const files = readdirSync(TEMPLATES_DIR).filter((file) => /\.parameters\.[a-z]+\.json$/.test(file));

    it('has a dev and a prod parameter file', () => {
      assert.deepEqual(files.sort(), ['azuredeploy.parameters.dev.json', 'azuredeploy.parameters.prod.json']);
    });

    for (const file of files) {
      it(`${file} names only declared parameters, gives every required one, and holds no secret`, () => {
        const parameters = readJson(file).parameters;
        assert.ok(isObject(parameters));
        const declared = template.parameters;
        assert.deepEqual(Object.keys(parameters).filter((name) => !(name in declared)), [], 'undeclared');
        const required = Object.keys(declared).filter((name) => !('defaultValue' in declared[name]));
        assert.deepEqual(required.filter((name) => !(name in parameters)), [], 'missing');
        const secrets = Object.keys(parameters).filter((name) => declared[name]?.type === 'secureString');
        assert.deepEqual(secrets, [], 'secrets belong on the command line or in Key Vault, not in a file');
        for (const [name, entry] of Object.entries(parameters)) {
          assert.ok(isObject(entry) && 'value' in entry, `${name} has a value`);
          const allowedValues = declared[name].allowedValues;
          if (Array.isArray(allowedValues)) assert.ok(allowedValues.includes(entry.value), `${name}: ${String(entry.value)} is allowed`);
        }
      });
    }
  });

  describe('web app', () => {
    it('runs on a Linux plan with Node 24 LTS, npm start, HTTPS only and the /healthz health check', () => {
      const plan = only('Microsoft.Web/serverfarms');
      assert.equal(plan.kind, 'linux');
      assert.equal(props(plan).reserved, true);
      const site = only('Microsoft.Web/sites');
      const properties = props(site);
      assert.equal(properties.httpsOnly, true);
      const siteConfig = properties.siteConfig as JsonObject;
      assert.equal(siteConfig.linuxFxVersion, 'NODE|24-lts');
      assert.equal(siteConfig.appCommandLine, 'npm start');
      assert.equal(siteConfig.healthCheckPath, '/healthz');
    });

    it('has an app setting for every configuration variable, and none for PORT or a client secret', () => {
      const settings = appSettings();
      assert.deepEqual(CONFIG_SETTINGS.filter((name) => !settings.has(name)), []);
      assert.deepEqual(ABSENT_SETTINGS.filter((name) => settings.has(name)), []);
      assert.equal(settings.get('HOST'), '0.0.0.0');
    });

    it('names every app setting it sets in deploymentTemplates/README.md', () => {
      const readme = readFileSync(join(TEMPLATES_DIR, 'README.md'), 'utf8');
      const section = /^## App settings\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';
      const named = new Set([...section.matchAll(/`([A-Za-z_]+)`/g)].map((match) => match[1]));
      assert.deepEqual([...appSettings().keys()].filter((name) => !named.has(name)), []);
    });

    it('holds no secret-like setting with a literal value: Key Vault references or empty only', () => {
      const secretLike = [...appSettings()].filter(([name]) => /KEY|PASSWORD|SECRET|TOKEN/i.test(name));
      assert.ok(secretLike.length >= 6);
      for (const [name, value] of secretLike) {
        if (value === '') continue;
        assert.ok(isExpression(value), `${name} is a literal`);
        assert.ok(value.includes('@Microsoft.KeyVault(SecretUri='), `${name} is no Key Vault reference`);
        assert.ok(!value.includes('parameters('), `${name} depends on a parameter directly`);
        assert.match(value, /, ''\)\]$/, `${name} falls back to empty, not to a value`);
      }
      assert.equal(appSettings().get('MicrosoftAppPassword'), '');
    });

    it('is the user-assigned identity: bot identity, DefaultAzureCredential and Key Vault references', () => {
      const site = only('Microsoft.Web/sites');
      assert.deepEqual(site.identity, { type: 'UserAssigned', userAssignedIdentities: { [IDENTITY_ID]: {} } });
      assert.equal(props(site).keyVaultReferenceIdentity, IDENTITY_ID);
      const settings = appSettings();
      assert.equal(settings.get('MicrosoftAppType'), 'UserAssignedMSI');
      assert.equal(settings.get('MicrosoftAppId'), IDENTITY_CLIENT_ID);
      assert.equal(settings.get('AZURE_CLIENT_ID'), IDENTITY_CLIENT_ID);
      assert.match(settings.get('MicrosoftAppTenantId') ?? '', /^\[reference\(variables\('identityId'\), '[\d-]+'\)\.tenantId\]$/);
    });
  });

  describe('bot', () => {
    it('is an Azure Bot whose identity is the user-assigned managed identity', () => {
      const bot = only('Microsoft.BotService/botServices');
      assert.equal(bot.kind, 'azurebot');
      assert.equal(bot.location, 'global');
      const properties = props(bot);
      assert.equal(properties.msaAppType, 'UserAssignedMSI');
      assert.equal(properties.msaAppId, IDENTITY_CLIENT_ID);
      assert.equal(properties.msaAppMSIResourceId, IDENTITY_ID);
      assert.match(String(properties.endpoint), /^\[format\('https:\/\/\{0\}\/api\/messages'/);
      assert.ok(!('appPasswordHint' in properties));
    });

    it('enables Teams always and Slack when asked', () => {
      const channels = ofType('Microsoft.BotService/botServices/channels');
      const teams = channels.find((channel) => props(channel).channelName === 'MsTeamsChannel');
      assert.ok(teams && !('condition' in teams));
      assert.deepEqual(props(teams).properties, { isEnabled: true });
      const slack = channels.find((channel) => props(channel).channelName === 'SlackChannel');
      assert.ok(slack);
      assert.equal(slack.condition, "[parameters('enableSlackChannel')]");
      const slackProperties = props(slack).properties as JsonObject;
      for (const [property, parameter] of Object.entries({
        clientId: 'slackChannelClientId',
        clientSecret: 'slackChannelClientSecret',
        verificationToken: 'slackChannelVerificationToken',
        signingSecret: 'slackChannelSigningSecret',
      })) {
        assert.equal(slackProperties[property], `[parameters('${parameter}')]`);
      }
      for (const secret of ['slackChannelClientSecret', 'slackChannelVerificationToken', 'slackChannelSigningSecret']) {
        assert.equal(template.parameters[secret].type, 'secureString', secret);
      }
    });
  });

  describe('Azure AI services', () => {
    const services = [
      { mode: 'languageMode', kind: 'TextAnalytics', key: 'TEXT_ANALYTICS_KEY' },
      { mode: 'translatorMode', kind: 'TextTranslation', key: 'TRANSLATOR_KEY' },
      { mode: 'customVisionMode', kind: 'CustomVision.Prediction', key: 'CUSTOM_VISION_PREDICTION_KEY' },
    ];
    for (const service of services) {
      it(`${service.kind}: new, existing or none; created only when new; key through Key Vault`, () => {
        assert.deepEqual(template.parameters[service.mode].allowedValues, ['new', 'existing', 'none']);
        const account = ofType('Microsoft.CognitiveServices/accounts').filter((resource) => resource.kind === service.kind);
        assert.equal(account.length, 1);
        assert.equal(account[0].condition, `[equals(parameters('${service.mode}'), 'new')]`);
        const key = appSettings().get(service.key) ?? '';
        assert.ok(key.includes('@Microsoft.KeyVault(SecretUri='), key);
      });
    }

    it('stores keys in a Key Vault with RBAC authorization, readable by the identity as Key Vault Secrets User', () => {
      const vault = only('Microsoft.KeyVault/vaults');
      assert.equal(props(vault).enableRbacAuthorization, true);
      assert.ok(!('accessPolicies' in props(vault)));
      const assignment = ofType('Microsoft.Authorization/roleAssignments').find((resource) =>
        String(props(resource).roleDefinitionId).includes(KEY_VAULT_SECRETS_USER) || String(resource.scope ?? '').includes('KeyVault'),
      );
      assert.ok(assignment);
      assert.equal(assignment.scope, "[format('Microsoft.KeyVault/vaults/{0}', variables('keyVaultName'))]");
      assert.equal(props(assignment).roleDefinitionId, "[variables('keyVaultSecretsUserRoleId')]");
      assert.ok(String(template.variables.keyVaultSecretsUserRoleId).includes(KEY_VAULT_SECRETS_USER));
      assert.equal(props(assignment).principalType, 'ServicePrincipal');
      assert.match(String(props(assignment).principalId), /^\[reference\(variables\('identityId'\)/);
    });

    it('fills each secret from listKeys of a new account or from the secure parameter of an existing one', () => {
      const secrets = ofType('Microsoft.KeyVault/vaults/secrets');
      for (const [mode, parameter] of [
        ['languageMode', 'languageKey'],
        ['translatorMode', 'translatorKey'],
        ['customVisionMode', 'customVisionPredictionKey'],
      ]) {
        const secret = secrets.find((resource) => String(props(resource).value).includes(`parameters('${parameter}')`));
        assert.ok(secret, parameter);
        assert.match(String(props(secret).value), new RegExp(`^\\[if\\(equals\\(parameters\\('${mode}'\\), 'new'\\), listKeys\\(`));
      }
    });
  });

  describe('Custom Vision training (labelling, train, publish)', () => {
    it('passes the training key through Key Vault, and only when one is given', () => {
      assert.equal(template.parameters.customVisionTrainingKey.type, 'secureString');
      const secret = ofType('Microsoft.KeyVault/vaults/secrets').find((resource) => props(resource).value === "[parameters('customVisionTrainingKey')]");
      assert.ok(secret, 'a Key Vault secret holds the training key');
      assert.equal(secret.condition, "[variables('useCustomVisionTraining')]");
      assert.equal(template.variables.useCustomVisionTraining, "[not(empty(parameters('customVisionTrainingKey')))]");
      const settings = appSettings();
      assert.match(settings.get('CUSTOM_VISION_TRAINING_KEY') ?? '', /@Microsoft\.KeyVault\(SecretUri=.*secretNames'\)\.customVisionTraining\)/);
      assert.equal(settings.get('CUSTOM_VISION_TRAINING_ENDPOINT'), "[if(variables('useCustomVisionTraining'), parameters('customVisionTrainingEndpoint'), '')]");
    });

    it('publishes to the new prediction account unless another is named, and shares the project id with prediction', () => {
      const settings = appSettings();
      const resourceId = settings.get('CUSTOM_VISION_PREDICTION_RESOURCE_ID') ?? '';
      assert.match(resourceId, /equals\(parameters\('customVisionMode'\), 'new'\).*resourceId\('Microsoft\.CognitiveServices\/accounts', variables\('customVisionAccountName'\)\)/);
      assert.match(resourceId, /parameters\('customVisionPredictionResourceId'\)/);
      assert.match(settings.get('CUSTOM_VISION_PROJECT_ID') ?? '', /or\(variables\('useCustomVision'\), variables\('useCustomVisionTraining'\)\)/);
    });
  });

  describe('training VMs', () => {
    const deployment = template.resources.find((resource) => resource.type === 'Microsoft.Resources/deployments');
    const inner = (deployment?.properties as JsonObject | undefined)?.template as unknown as Template | undefined;

    it('defines the custom role with exactly the actions labmate uses, nothing denied, no data actions', () => {
      const role = inner?.resources.find((resource) => resource.type === 'Microsoft.Authorization/roleDefinitions');
      assert.ok(role);
      const properties = props(role);
      assert.equal(properties.type, 'CustomRole');
      assert.ok(Array.isArray(properties.permissions) && properties.permissions.length === 1);
      const permission = properties.permissions[0] as JsonObject;
      assert.deepEqual([...(permission.actions as string[])].sort(), [...VM_OPERATOR_ACTIONS].sort());
      assert.deepEqual(permission.notActions ?? [], []);
      assert.ok(!('dataActions' in permission) && !('notDataActions' in permission));
    });

    it('defines and assigns it on the training VMs resource group only', () => {
      assert.ok(deployment && inner);
      assert.equal(deployment.resourceGroup, "[parameters('trainingVmResourceGroup')]");
      assert.equal(deployment.subscriptionId, "[parameters('trainingVmSubscriptionId')]");
      assert.equal(deployment.condition, "[variables('manageVms')]");
      assert.deepEqual((props(deployment).expressionEvaluationOptions as JsonObject).scope, 'inner');
      const role = inner.resources.find((resource) => resource.type === 'Microsoft.Authorization/roleDefinitions');
      assert.ok(role);
      assert.deepEqual(props(role).assignableScopes, ['[resourceGroup().id]']);
      const assignment = inner.resources.find((resource) => resource.type === 'Microsoft.Authorization/roleAssignments');
      assert.ok(assignment);
      assert.ok(!('scope' in assignment), 'assigned at the deployment scope: the training resource group');
      assert.equal(props(assignment).roleDefinitionId, "[variables('roleDefinitionId')]");
      assert.equal(inner.variables.roleDefinitionId, "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', variables('roleDefinitionName'))]");
      assert.equal(props(role).roleName, "[parameters('roleName')]");
      assert.equal(role.name, "[variables('roleDefinitionName')]");
      assert.equal(props(assignment).principalId, "[parameters('principalId')]");
      assert.equal(props(assignment).principalType, 'ServicePrincipal');
      const passed = props(deployment).parameters as JsonObject;
      assert.deepEqual(passed.principalId, { value: "[reference(variables('identityId'), '2023-01-31').principalId]" });
    });

    it('gives the identity no other role than these four (Key Vault secrets, VM operator, state blobs, Azure ML)', () => {
      assert.equal(ofType('Microsoft.Authorization/roleAssignments').length, 4);
      assert.equal(ofType('Microsoft.Authorization/roleDefinitions').length, 2);
    });

    it('tells the bot which VMs and subscription, and who may operate them', () => {
      const settings = appSettings();
      assert.match(settings.get('TRAINING_VMS') ?? '', /parameters\('trainingVmResourceGroup'\).*lambdaVariables\('vm'\)/);
      assert.equal(settings.get('AZURE_SUBSCRIPTION_ID'), "[if(or(variables('manageVms'), variables('useAzureMl')), parameters('trainingVmSubscriptionId'), '')]");
      assert.equal(settings.get('VM_OPERATORS'), "[join(parameters('vmOperators'), ',')]");
    });
  });

  describe('Azure ML', () => {
    const deployment = template.resources.find((resource) => resource.name === AZUREML_DEPLOYMENT);
    const inner = (deployment?.properties as JsonObject | undefined)?.template as unknown as Template | undefined;
    const innerOf = (type: string) => inner?.resources.filter((resource) => resource.type === type) ?? [];

    it('defines a role with exactly the jobs actions, assignable and assigned on the workspace only', () => {
      assert.ok(deployment && inner);
      assert.equal(deployment.condition, "[variables('useAzureMl')]");
      assert.equal(deployment.resourceGroup, "[parameters('azureMlWorkspaceResourceGroup')]");
      const [role] = innerOf('Microsoft.Authorization/roleDefinitions');
      const permission = (props(role).permissions as JsonObject[])[0];
      assert.deepEqual([...(permission.actions as string[])].sort(), [...AZUREML_ACTIONS].sort());
      assert.deepEqual(permission.notActions ?? [], []);
      assert.ok(!('dataActions' in permission));
      assert.deepEqual(props(role).assignableScopes, ["[variables('workspaceId')]"]);
      const [assignment] = innerOf('Microsoft.Authorization/roleAssignments');
      assert.equal(assignment.scope, "[format('Microsoft.MachineLearningServices/workspaces/{0}', parameters('workspaceName'))]");
      assert.equal(props(assignment).principalId, "[parameters('principalId')]");
    });

    it("subscribes the workspace's system topic to the bot's route, RunStatusChanged with a terminal status only, when a secret is given", () => {
      const [topic] = innerOf('Microsoft.EventGrid/systemTopics');
      assert.equal(props(topic).topicType, 'Microsoft.MachineLearningServices.Workspaces');
      assert.equal(props(topic).source, "[variables('workspaceId')]");
      assert.equal(topic.condition, "[parameters('subscribeEvents')]");
      const [subscription] = innerOf('Microsoft.EventGrid/systemTopics/eventSubscriptions');
      const filter = props(subscription).filter as JsonObject;
      assert.deepEqual(filter.includedEventTypes, ['Microsoft.MachineLearningServices.RunStatusChanged']);
      assert.deepEqual(filter.advancedFilters, [{ operatorType: 'StringIn', key: 'data.runStatus', values: ['Completed', 'Failed', 'Canceled'] }]);
      const destination = props(subscription).destination as JsonObject;
      assert.equal(destination.endpointType, 'WebHook');
      assert.equal((destination.properties as JsonObject).endpointUrl, "[parameters('eventsUrl')]");
      assert.equal(inner?.parameters?.eventsUrl?.type, 'secureString', 'the URL with the secret is a secure parameter of the inner template');
      const passed = props(deployment!).parameters as JsonObject;
      assert.match(JSON.stringify(passed.eventsUrl), /\/api\/events\/azureml\/\{1\}.*parameters\('azureMlEventsSecret'\)/);
      assert.ok((deployment?.dependsOn as string[] | undefined)?.includes("[resourceId('Microsoft.Web/sites', variables('siteName'))]"), 'after the web app, which answers the handshake');
    });

    it('tells the bot its workspace, and the events secret through Key Vault', () => {
      const settings = appSettings();
      assert.match(settings.get('AZUREML_WORKSPACE') ?? '', /parameters\('azureMlWorkspaceResourceGroup'\).*parameters\('azureMlWorkspaceName'\)/);
      assert.match(settings.get('AZUREML_EVENTS_SECRET') ?? '', /@Microsoft\.KeyVault\(SecretUri=.*azureMlEventsSecret/);
      assert.equal(settings.get('AZUREML_COMPUTE_INSTANCES'), "[if(variables('useAzureMl'), parameters('azureMlComputeInstances'), '')]");
    });
  });

  describe('state storage', () => {
    const account = () => only('Microsoft.Storage/storageAccounts');
    const ACCOUNT_ID = "resourceId('Microsoft.Storage/storageAccounts', variables('stateStorageAccountName'))";

    it('is a storage account reachable with Entra ID only: no shared keys (so no SAS), HTTPS only, TLS 1.2, nothing public', () => {
      const properties = props(account());
      assert.equal(account().name, "[variables('stateStorageAccountName')]");
      assert.equal(properties.allowSharedKeyAccess, false);
      assert.equal(properties.defaultToOAuthAuthentication, true);
      assert.equal(properties.supportsHttpsTrafficOnly, true);
      assert.equal(properties.minimumTlsVersion, 'TLS1_2');
      assert.equal(properties.allowBlobPublicAccess, false);
      assert.equal(properties.allowCrossTenantReplication, false);
    });

    it('creates the private container the bot is told to use, with a name the bot accepts', () => {
      const container = only('Microsoft.Storage/storageAccounts/blobServices/containers');
      assert.equal(container.name, "[format('{0}/default/{1}', variables('stateStorageAccountName'), variables('stateContainerName'))]");
      assert.equal(props(container).publicAccess, 'None');
      assert.equal(appSettings().get('STATE_STORAGE_CONTAINER'), "[variables('stateContainerName')]");
      const name = String(template.variables.stateContainerName);
      assert.equal(loadConfig({ STATE_STORAGE_ACCOUNT_URL: 'https://st.blob.core.windows.net', STATE_STORAGE_CONTAINER: name }).stateStorage?.container, name);
    });

    it('points the bot at the account\'s blob endpoint, to reach with its identity, and gives it no key', () => {
      assert.equal(appSettings().get('STATE_STORAGE_ACCOUNT_URL'), `[reference(${ACCOUNT_ID}, '2023-05-01').primaryEndpoints.blob]`);
      assert.ok(!strings(template).some((text) => /listKeys\(resourceId\('Microsoft\.Storage|listAccountSas|listServiceSas/.test(text)), 'no storage key or SAS anywhere');
    });

    it('lets the identity use blobs in that account only: Storage Blob Data Contributor, scoped to the account', () => {
      const assignment = ofType('Microsoft.Authorization/roleAssignments').find((resource) => String(props(resource).roleDefinitionId).includes('storageBlobDataContributorRoleId'));
      assert.ok(assignment);
      assert.equal(assignment.scope, "[format('Microsoft.Storage/storageAccounts/{0}', variables('stateStorageAccountName'))]");
      assert.ok(String(template.variables.storageBlobDataContributorRoleId).includes(STORAGE_BLOB_DATA_CONTRIBUTOR));
      assert.equal(props(assignment).principalType, 'ServicePrincipal');
      assert.match(String(props(assignment).principalId), /^\[reference\(variables\('identityId'\)/);
      const siteDependsOn = only('Microsoft.Web/sites').dependsOn as string[];
      assert.ok(siteDependsOn.some((id) => id.includes('Microsoft.Storage/storageAccounts') && id.includes('roleAssignments')), 'the bot starts once it may use the storage');
    });

    it('lets the service delete only records that expire within hours (never settings or operations)', () => {
      const policy = only('Microsoft.Storage/storageAccounts/managementPolicies');
      const rules = ((props(policy).policy as JsonObject).rules as JsonObject[]).map((rule) => rule.definition as JsonObject);
      const prefixes = rules.flatMap((rule) => (rule.filters as JsonObject).prefixMatch as string[]).map((prefix) => /\{0\}\/([^']+)'/.exec(prefix)?.[1]);
      assert.deepEqual(prefixes.sort(), ['leases/', 'records/confirmations/', 'records/reported/', 'records/seen/']);
      for (const rule of rules) assert.ok(JSON.stringify(rule.actions).includes('"daysAfterModificationGreaterThan":2'));
    });
  });
});
