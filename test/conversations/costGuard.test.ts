import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage, teamsCardInvoke, teamsChannelMessage } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText } from '../support/connector.js';
import { emulatorConversation } from '../support/conversation.js';
import { FakeArm, TEST_SUBSCRIPTION_ID, trainingVmsEnv } from '../support/fakeArm.js';
import { FakeNoticeLinks } from '../support/fakeNoticeLinks.js';
import { FakeRetailPrices } from '../support/fakeRetailPrices.js';
import { cardButtons } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { waitFor } from '../support/waitFor.js';

const SECRET = `notice-secret-${randomUUID().replaceAll('-', '')}`;
const PUBLIC_URL = 'https://labmate.example.com';
const TEAMS_OPERATOR = '5e1b0d4e-0000-4000-8000-00000000a11c';
const HOUR = 3_600_000;

describe('cost guard: auto-stop schedules, shutdown notices, idle reminders and prices (local connector, ARM, prices API)', () => {
  let connector: FakeConnector;
  let arm: FakeArm;
  let prices: FakeRetailPrices;
  let links: FakeNoticeLinks;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' },
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'running', os: 'Windows', size: 'Standard_NC4as_T4_v3', provisionedAt: Date.now() - 2 * HOUR, cpu: [70, 80] },
      { resourceGroup: 'ml-rg', name: 'gpu-03', power: 'running', provisionedAt: Date.now() - 5 * HOUR - 60_000, cpu: [1.5, 2, 2.5] },
    ]);
    await arm.start();
    prices = new FakeRetailPrices();
    await prices.start();
    links = new FakeNoticeLinks();
    await links.start();
    bot = await startApp(
      {
        ...trainingVmsEnv(arm),
        VM_OPERATORS: `emulator/operator-1, msteams/${TEAMS_OPERATOR}`,
        PUBLIC_URL,
        VM_NOTICE_SECRET: SECRET,
        VM_AUTOSTOP_TIME_ZONE: 'W. Europe Standard Time',
        AZURE_RETAIL_PRICES_URL: prices.pricesUrl,
      },
      // No idle sweep during these tests: the reminders have an app of their own below.
      { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 3_600_000 } },
    );
  });
  after(async () => {
    await bot.stop();
    await Promise.all([arm.stop(), connector.stop(), prices.stop(), links.stop()]);
  });
  beforeEach(() => {
    connector.reset();
    arm.reset();
    prices.failWith = undefined;
    prices.items = [
      // A Spot meter and a Windows meter first, and the Linux price on the second page.
      { armSkuName: 'Standard_NC6s_v3', armRegionName: 'westeurope', retailPrice: 0.918, productName: 'Virtual Machines NCSv3 Series', skuName: 'NC6s v3 Spot', meterName: 'NC6s v3 Spot' },
      { armSkuName: 'Standard_NC6s_v3', armRegionName: 'westeurope', retailPrice: 3.98, productName: 'Virtual Machines NCSv3 Series Windows', skuName: 'NC6s v3', meterName: 'NC6s v3' },
      { armSkuName: 'Standard_NC6s_v3', armRegionName: 'westeurope', retailPrice: 3.06, productName: 'Virtual Machines NCSv3 Series', skuName: 'NC6s v3', meterName: 'NC6s v3' },
      { armSkuName: 'Standard_NC4as_T4_v3', armRegionName: 'westeurope', retailPrice: 0.6, productName: 'Virtual Machines NCasT4 v3 Series', skuName: 'NC4as T4 v3', meterName: 'NC4as T4 v3' },
      { armSkuName: 'Standard_NC4as_T4_v3', armRegionName: 'westeurope', retailPrice: 0.784, productName: 'Virtual Machines NCasT4 v3 Series Windows', skuName: 'NC4as T4 v3', meterName: 'NC4as T4 v3' },
    ];
    prices.pageSize = 2;
  });

  /** A new conversation with the operator in it; each `say` or `press` returns the bot's reply. */
  const conversation = () => emulatorConversation(connector, () => bot, 'operator-1');
  /** `text` from `fromId`, in a conversation of its own: the bot's reply. */
  const say = (text: string, fromId: string) => conversation().say(text, fromId);
  const postNotice = (body: unknown, secret = SECRET) =>
    fetch(`${bot.url}/api/notices/autoshutdown/${secret}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const auditLines = (action: string) => bot.logger.entries.filter((entry) => entry.message === 'audit' && entry.fields.action === action);

  it('sets Azure\'s own schedule with `vm autostop`, shows it in `vm status`, and removes it with `off`', async () => {
    const chat = conversation();
    const set = await chat.say('vm autostop gpu-01 19:00 w. europe standard time');
    assert.match(shownText(set), /gpu-01 shuts down every day at 19:00 \(W\. Europe Standard Time\)/);
    assert.match(shownText(set), /I will post here 30 minutes before/);

    const [put] = arm.scheduleCalls('PUT');
    assert.equal(put.path, `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/ml-rg/providers/Microsoft.DevTestLab/schedules/shutdown-computevm-gpu-01?api-version=2018-09-15`);
    assert.deepEqual(put.body, {
      location: 'westeurope',
      properties: {
        status: 'Enabled',
        taskType: 'ComputeVmShutdownTask',
        dailyRecurrence: { time: '1900' },
        timeZoneId: 'W. Europe Standard Time',
        targetResourceId: `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/ml-rg/providers/Microsoft.Compute/virtualMachines/gpu-01`,
        notificationSettings: { status: 'Enabled', timeInMinutes: 30, webhookUrl: `${PUBLIC_URL}/api/notices/autoshutdown/${SECRET}`, notificationLocale: 'en' },
      },
    });
    assert.ok(auditLines('vm autostop').some((entry) => entry.fields.vm === 'gpu-01' && entry.fields.user === 'operator-1' && entry.fields.result === 'set 19:00 W. Europe Standard Time'));

    const status = await chat.say('vm status gpu-01', 'stranger');
    assert.match(shownText(status), /Daily stop: 19:00 W\. Europe Standard Time/);

    const off = await chat.say('vm autostop gpu-01 off');
    assert.match(shownText(off), /gpu-01 no longer stops daily\./);
    assert.equal(arm.scheduleCalls('DELETE').length, 1);
    assert.equal(arm.schedules.size, 0);

    const after = await chat.say('vm status gpu-01', 'stranger');
    assert.match(shownText(after), /Daily stop: off/);
  });

  it('answers a bad time, an unknown time zone or VM, or a non-operator, with no Azure call', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['vm autostop gpu-01 25:00', 'operator-1', /"25:00" is not a time of day\. Say vm autostop ‹name› ‹HH:MM›/],
      ['vm autostop gpu-01 7pm', 'operator-1', /"7pm" is not a time of day/],
      ['vm autostop gpu-01', 'operator-1', /When should it stop\?/],
      ['vm autostop gpu-01 19:00 Mars Standard Time', 'operator-1', /I don't know the time zone Mars Standard Time\. Azure takes Windows time zone ids/],
      ['vm autostop prod-db 19:00', 'operator-1', /I don't manage a VM called prod-db/],
      ['vm autostop gpu-01 19:00', 'stranger', /only operators may use vm autostop/],
    ];
    for (const [text, fromId, expected] of cases) {
      assert.match(shownText(await say(text, fromId)), expected, text);
    }
    assert.deepEqual(arm.requests, []);
  });

  it('posts Azure\'s notice with Delay/Skip buttons; an operator\'s Delay 1 h calls exactly delayUrl60, once; a non-operator\'s press calls nothing', async () => {
    const chat = conversation();
    await chat.say('vm autostop gpu-03 18:30 UTC');

    const notification = links.notification('gpu-03', 'ml-rg', TEST_SUBSCRIPTION_ID);
    const response = await postNotice(notification);
    assert.equal(response.status, 200);
    const [, notice] = await connector.waitForMessages(chat.id, 2);
    assert.equal(notice.method, 'POST');
    assert.match(shownText(notice), /^gpu-03 shuts down at \d{2}:\d{2} \(in 30 minutes\)/);
    const buttons = cardButtons(adaptiveCardOf(notice));
    assert.deepEqual(buttons.map(([title]) => title), ['Delay 1 h', 'Delay 2 h', 'Skip today']);
    for (const [, command] of buttons) {
      assert.match(command, /^vm notice [0-9a-f]{16} (delay60|delay120|skip)$/, 'a button names the notice, never a URL');
      assert.ok(!command.includes('https'));
    }
    const delay60 = buttons[0][1];

    const refused = await chat.press(delay60, 'stranger');
    assert.match(shownText(refused), /only operators may use vm autostop/);
    assert.deepEqual(links.calls, []);

    const answered = await chat.press(delay60);
    assert.match(shownText(answered), /User delayed the shutdown by 1 hour\.\ngpu-03 now shuts down at \d{2}:\d{2}\./);
    assert.deepEqual(links.calls, [{ method: 'GET', path: new URL(notification.delayUrl60).pathname }]);

    await chat.press(delay60);
    await chat.press(buttons[2][1]);
    assert.equal(links.calls.length, 1, 'a notice is answered once');
    assert.ok(auditLines('vm autostop').some((entry) => entry.fields.result === 'delay60' && entry.fields.vm === 'gpu-03'));
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.event === 'refusal' && entry.fields.user === 'stranger'));
  });

  it('in Teams, replaces the notice card with who chose what', async () => {
    const ask = teamsChannelMessage({ serviceUrl: connector.url, text: 'vm autostop gpu-01 20:00', fromId: TEAMS_OPERATOR });
    await bot.post(ask);
    await connector.waitForMessages(ask.conversation.id, 1);
    assert.equal(arm.scheduleCalls('PUT').length, 1);
    assert.equal((arm.scheduleCalls('PUT')[0].body as { properties: { timeZoneId: string } }).properties.timeZoneId, 'W. Europe Standard Time', 'VM_AUTOSTOP_TIME_ZONE');

    await postNotice(links.notification('gpu-01', 'ml-rg', TEST_SUBSCRIPTION_ID, '29'));
    const [, notice] = await connector.waitForMessages(ask.conversation.id, 2);
    const skip = cardButtons(adaptiveCardOf(notice))[2][1];
    const invoke = teamsCardInvoke({ serviceUrl: connector.url, fromId: TEAMS_OPERATOR, conversationId: ask.conversation.id, replyToId: notice.responseId, action: { verb: 'command', data: { command: skip } } });
    assert.equal((await bot.post(invoke)).status, 200);
    const calls = await connector.waitForMessages(ask.conversation.id, 3);
    const replaced = calls.find((call) => call.method === 'PUT');
    assert.ok(replaced, 'the card is replaced in place');
    assert.match(shownText(replaced), /Ada Lovelace skipped today's shutdown\./);
    assert.equal(links.calls.filter((call) => call.path.endsWith('/skip')).length, 1);
  });

  it('refuses a forged notice (401), a replayed one and one for a VM that is not listed: nothing posted, no URL called', async () => {
    const chat = conversation();
    await chat.say('vm autostop gpu-02 19:00');
    const notification = links.notification('gpu-02', 'ml-rg', TEST_SUBSCRIPTION_ID);
    const linkCalls = links.calls.length;

    assert.equal((await postNotice(notification, 'wrong-secret-wrong-secret-wrong')).status, 401);
    assert.equal((await postNotice(notification, `${SECRET}x`)).status, 401);
    assert.equal((await postNotice(links.notification('prod-db', 'ml-rg', TEST_SUBSCRIPTION_ID))).status, 403);
    assert.equal((await postNotice(links.notification('gpu-02', 'other-rg', TEST_SUBSCRIPTION_ID))).status, 403);
    assert.equal((await postNotice({ ...notification, delayUrl60: 'http://127.0.0.1/plain-http' })).status, 400);
    assert.equal((await postNotice('not an object')).status, 400);
    // The receiver answers a notice only after posting it (ShutdownNoticeReceiver.receive awaits the notifier):
    // each answer above is the end of that notice's work.
    assert.equal(connector.messagesTo(chat.id).length, 1, 'nothing posted');

    assert.equal((await postNotice(notification)).status, 200);
    assert.deepEqual(await (await postNotice(notification)).json(), { outcome: 'replayed' });
    await connector.waitForMessages(chat.id, 2);
    // Both answers are in, so both notices' work is done.
    assert.equal(connector.messagesTo(chat.id).length, 2, 'the same notification is posted once');
    assert.equal(links.calls.length, linkCalls, 'no URL of any notice was called');
  });

  it('lists price per hour, time running and cost so far; the Windows VM at its Windows price', async () => {
    const text = shownText(await say('vm list', 'stranger'));
    assert.match(text, /gpu-01[\s\S]*Price\W+3\.06 USD\/h \(pay-as-you-go, Linux\)/);
    assert.match(text, /gpu-02[\s\S]*Price\W+0\.78 USD\/h \(pay-as-you-go, Windows\)\W+Running for\W+2 h\W+Cost so far\W+about 1\.57 USD/);
    assert.match(text, /gpu-03[\s\S]*Running for\W+5 h 1 min\W+Cost so far\W+about 15\.3\d USD/);
    assert.ok(prices.requests.some((request) => request.includes('%24skip=2')), 'follows NextPageLink');
    assert.equal(
      new URL(prices.requests[0], prices.url).searchParams.get('$filter'),
      "serviceName eq 'Virtual Machines' and armRegionName eq 'westeurope' and armSkuName eq 'Standard_NC6s_v3' and priceType eq 'Consumption'",
    );
  });

  it('leaves prices out when the prices API fails, and still lists the VMs', async () => {
    prices.failWith = 503;
    // Another size, so no price of it is cached yet.
    arm.vms.get('ml-rg/gpu-01')!.size = 'Standard_ND40rs_v2';
    try {
      const reply = await say('vm status gpu-01', 'stranger');
      assert.match(shownText(reply), /Power state\W+deallocated/);
      assert.doesNotMatch(shownText(reply), /Price|USD/);
      assert.ok(prices.requests.length > 0, 'the API was asked');
      assert.ok(bot.logger.entries.some((entry) => entry.message.includes('Retail Prices API')));
    } finally {
      arm.vms.get('ml-rg/gpu-01')!.size = 'Standard_NC6s_v3';
    }
  });
});

const MB = 1024 * 1024;
/** An idle VM's traffic per 5-minute grain: its agent, updates, an SSH session. */
const QUIET_NETWORK = { in: [400 * 1024, 300 * 1024, 500 * 1024], out: [200 * 1024, 200 * 1024, 200 * 1024] };
const QUIET_DISK = { read: [0, 0, 0], write: [2 * MB, MB, 1.5 * MB] };

describe('cost guard: idle reminders (the sweep of the lease holder)', () => {
  let connector: FakeConnector;
  let arm: FakeArm;
  let prices: FakeRetailPrices;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'running', provisionedAt: Date.now() - 6 * HOUR, cpu: [70, 80], network: QUIET_NETWORK, disk: QUIET_DISK },
      // Idle by every measure: CPU, network and disk all low over the hour.
      { resourceGroup: 'ml-rg', name: 'gpu-03', power: 'running', provisionedAt: Date.now() - 5 * HOUR - 60_000, cpu: [1.5, 2, 2.5], network: QUIET_NETWORK, disk: QUIET_DISK },
      { resourceGroup: 'ml-rg', name: 'gpu-04', power: 'running', provisionedAt: Date.now() - HOUR, cpu: [0] },
      // GPU training: one busy core of many is little CPU, but it writes checkpoints (300 MB in the hour).
      { resourceGroup: 'ml-rg', name: 'gpu-05', power: 'running', provisionedAt: Date.now() - 6 * HOUR, cpu: [3, 3.5, 4], network: QUIET_NETWORK, disk: { read: [0, 0, 0], write: [100 * MB, 100 * MB, 100 * MB] } },
      // Low CPU, streaming its dataset in (1.5 GB in the hour).
      { resourceGroup: 'ml-rg', name: 'gpu-06', power: 'running', provisionedAt: Date.now() - 6 * HOUR, cpu: [2, 2, 2], network: { in: [500 * MB, 500 * MB, 500 * MB], out: [MB, MB, MB] }, disk: QUIET_DISK },
      // Low CPU, and Azure has no network or disk data for the hour: no data is never read as idle.
      { resourceGroup: 'ml-rg', name: 'gpu-07', power: 'running', provisionedAt: Date.now() - 6 * HOUR, cpu: [1, 1, 1] },
    ]);
    await arm.start();
    prices = new FakeRetailPrices();
    prices.items = [{ armSkuName: 'Standard_NC6s_v3', armRegionName: 'westeurope', retailPrice: 3.06, productName: 'Virtual Machines NCSv3 Series', skuName: 'NC6s v3', meterName: 'NC6s v3' }];
    await prices.start();
    bot = await startApp(
      {
        ...trainingVmsEnv(arm),
        VM_OPERATORS: 'emulator/operator-1',
        AZURE_RETAIL_PRICES_URL: prices.pricesUrl,
      },
      { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 40 } },
    );
  });
  after(async () => {
    await bot.stop();
    await Promise.all([arm.stop(), connector.stop(), prices.stop()]);
  });

  const say = async (text: string, conversationId: string) => {
    assert.equal((await bot.post(emulatorMessage({ serviceUrl: connector.url, text, fromId: 'operator-1', conversationId }))).status, 200);
  };
  const press = async (command: string, conversationId: string) => {
    const activity = emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', value: { command } });
    delete activity.text;
    assert.equal((await bot.post(activity)).status, 200);
  };

  it('reminds once about a VM idle by CPU, network and disk, saying what was measured, in the conversation where it was started; never about a busy one', async () => {
    const conversationId = `conv-${randomUUID()}`;
    // They are already running: the request records where reminders about them go.
    for (const vm of ['gpu-03', 'gpu-02', 'gpu-04', 'gpu-05', 'gpu-06', 'gpu-07']) await say(`vm start ${vm}`, conversationId);
    await connector.waitForMessages(conversationId, 6);
    const reminders = () => connector.messagesTo(conversationId).filter((call) => /^Idle: /.test(shownText(call)));
    // The reminder comes with the sweep, whenever that is: after the replies, or between them on a loaded machine.
    await waitFor(() => reminders().length > 0, 'a reminder about the idle VM');
    const [reminder] = reminders();
    assert.deepEqual(shownText(reminder).split('\n').slice(0, 5), [
      'Idle: gpu-03',
      'gpu-03 has been running for 5 h 1 min and looks idle. Over the last hour, Azure measured:',
      '• CPU: 2.0 % on average',
      '• Network: 1.2 MB in, 600 KB out',
      '• Disk: 0 bytes read, 4.5 MB written',
    ]);
    assert.match(shownText(reminder), /\nCost so far: about 15\.3\d USD \(3\.06 USD\/h\)\./);
    assert.match(shownText(reminder), /\nBusy in a way Azure cannot see, such as a GPU job\? vm keep gpu-03 ‹hours› stops these reminders for that long \(Keep running: 12 hours\)\./);
    assert.deepEqual(cardButtons(adaptiveCardOf(reminder)), [
      ['Deallocate gpu-03', 'vm stop gpu-03'],
      ['Keep running', 'vm keep gpu-03'],
    ]);
    // One call per VM asks for all five platform metrics, none of which needs an agent in the VM.
    const asked = new URL(arm.metricsCalls()[0].path, 'https://arm.test').searchParams;
    assert.deepEqual(asked.get('metricnames')?.split(',').sort(), ['Disk Read Bytes', 'Disk Write Bytes', 'Network In Total', 'Network Out Total', 'Percentage CPU']);
    assert.deepEqual(asked.get('aggregation')?.split(',').sort(), ['Average', 'Total']);

    const measured = (vm: string) => arm.metricsCalls().filter((call) => call.path.includes(`/virtualMachines/${vm}/`)).length;
    await waitFor(() => ['gpu-02', 'gpu-05', 'gpu-06', 'gpu-07'].every((vm) => measured(vm) >= 2), 'two sweeps over the VMs that are not idle');
    assert.equal(reminders().length, 1, 'one reminder, about the idle VM only: not about low CPU with disk, network or no data');
    assert.equal(connector.messagesTo(conversationId).length, 7);
    assert.equal(measured('gpu-04'), 0, 'a VM running for less than 4 hours is not even measured');

    await press('vm keep gpu-03', conversationId);
    const kept = (await connector.waitForMessages(conversationId, 8))[7];
    assert.match(shownText(kept), /User keeps gpu-03 running; no reminder about it for 12 hours\./);
  });

  it('keeps a VM for the hours asked, within a week', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await say('vm keep gpu-05 36', conversationId);
    const [kept] = await connector.waitForMessages(conversationId, 1);
    assert.match(shownText(kept), /User keeps gpu-05 running; no reminder about it for 36 hours\./);
    await say('vm keep gpu-05 9000', conversationId);
    const [, refused] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(refused), /Say how many whole hours to keep it, 1 to 168: vm keep gpu-05 24\./);
  });
});

describe('cost guard without notice settings', () => {
  it('sets the schedule without a webhook, says nobody is warned, and keeps the notice route closed', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
    await arm.start();
    const bot = await startApp({ ...trainingVmsEnv(arm), VM_OPERATORS: 'emulator/operator-1' });
    try {
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'vm autostop gpu-01 7:05', fromId: 'operator-1' });
      await bot.post(activity);
      const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
      assert.match(shownText(reply), /gpu-01 shuts down every day at 07:05 \(UTC\)\.\nShutdown notices are not set up on this bot/);
      const properties = (arm.scheduleCalls('PUT')[0].body as { properties: Record<string, unknown> }).properties;
      assert.deepEqual(properties.notificationSettings, { status: 'Disabled', timeInMinutes: 30 });
      assert.equal(properties.timeZoneId, 'UTC');
      const notice = await fetch(`${bot.url}/api/notices/autoshutdown/anything-at-all-anything-at-all`, { method: 'POST', body: '{}' });
      assert.equal(notice.status, 404);
    } finally {
      await bot.stop();
      await arm.stop();
      await connector.stop();
    }
  });
});
