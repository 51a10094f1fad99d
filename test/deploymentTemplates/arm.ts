/** Helpers to read ARM JSON templates in tests: scopes (nested inline templates), expressions, references. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEMPLATES_DIR = join(import.meta.dirname, '..', '..', 'deploymentTemplates');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Resource extends JsonObject {
  type: string;
  name: string;
}

export interface Template extends JsonObject {
  parameters: { [name: string]: JsonObject };
  variables: JsonObject;
  resources: Resource[];
}

export function readJson<T = JsonObject>(file: string): T {
  return JSON.parse(readFileSync(join(TEMPLATES_DIR, file), 'utf8')) as T;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A template expression is a string in brackets; "[[" starts a literal that merely begins with "[". */
export function isExpression(value: string): boolean {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** Every string in a JSON value, object keys included (a key can be an expression, e.g. userAssignedIdentities). */
export function strings(value: Json | undefined, skip: (key: string, value: Json) => boolean = () => false): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((item) => strings(item, skip));
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => (skip(key, item) ? [key] : [key, ...strings(item, skip)]));
  }
  return [];
}

function referencedNames(texts: string[], fn: 'parameters' | 'variables'): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(`\\b${fn}\\('([^']+)'\\)`, 'g');
  for (const text of texts.filter(isExpression)) {
    for (const match of text.matchAll(pattern)) found.add(match[1]);
  }
  return found;
}

/** One evaluation scope: a template, less the inline templates of nested deployments with inner scope. */
export interface Scope {
  /** Where the scope sits, for messages: "main" or "main > <deployment name>". */
  path: string;
  template: Template;
  /** Strings evaluated in this scope. */
  texts: string[];
  parametersUsed: Set<string>;
  variablesUsed: Set<string>;
  /** The nested deployment resource that holds this template (absent for the main template). */
  deployment?: Resource;
}

export function innerScopeDeployments(resources: Resource[]): Resource[] {
  return resources.filter((resource) => {
    if (resource.type !== 'Microsoft.Resources/deployments' || !isObject(resource.properties)) return false;
    const options = resource.properties.expressionEvaluationOptions;
    return isObject(resource.properties.template) && isObject(options) && options.scope === 'inner';
  });
}

/** The main template and every inner-scope nested template, each with the strings it evaluates itself. */
export function scopes(template: Template, path = 'main', deployment?: Resource): Scope[] {
  const nested = new Set<Json>(innerScopeDeployments(template.resources).map((resource) => (resource.properties as JsonObject).template));
  // An inner template's own strings are evaluated in its scope; the deployment's "parameters" stay in ours.
  const texts = strings(template, (key, value) => key === 'template' && nested.has(value));
  const own: Scope = {
    path,
    template,
    texts,
    parametersUsed: referencedNames(texts, 'parameters'),
    variablesUsed: referencedNames(texts, 'variables'),
    deployment,
  };
  const inner = innerScopeDeployments(template.resources).flatMap((resource) =>
    scopes((resource.properties as JsonObject).template as unknown as Template, `${path} > ${resource.name}`, resource),
  );
  return [own, ...inner];
}

/** Every resource, nested inline templates' resources included. */
export function allResources(template: Template): Resource[] {
  return template.resources.flatMap((resource) => {
    const properties = resource.properties;
    const inner = isObject(properties) && isObject(properties.template) ? allResources(properties.template as unknown as Template) : [];
    return [resource, ...inner];
  });
}
