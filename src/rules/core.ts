import { rule as internalRuleError } from './internal/rule-error.js';
import { rule as schemaEnum } from './schema/enum.js';
import { rule as schemaInvalidValue } from './schema/invalid-value.js';
import { rule as schemaRequired } from './schema/required.js';
import { rule as schemaType } from './schema/type.js';
import { rule as schemaUnknownKey } from './schema/unknown-key.js';
import { rule as yamlBom } from './yaml/bom.js';
import { rule as yamlDuplicateKey } from './yaml/duplicate-key.js';
import { rule as yamlEmpty } from './yaml/empty.js';
import { rule as yamlLimits } from './yaml/limits.js';
import { rule as yamlMultipleDocuments } from './yaml/multiple-documents.js';
import { rule as yamlNotText } from './yaml/not-text.js';
import { rule as yamlSyntax } from './yaml/syntax.js';

export const coreRules = [
  yamlSyntax,
  yamlDuplicateKey,
  yamlEmpty,
  yamlMultipleDocuments,
  yamlNotText,
  yamlLimits,
  yamlBom,
  schemaUnknownKey,
  schemaRequired,
  schemaType,
  schemaEnum,
  schemaInvalidValue,
  internalRuleError,
];
