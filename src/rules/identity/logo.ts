import { asString } from '../../core/nomination.js';
import { parseLogoReference } from '../../publish/logos.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/logo',
  indicator: null,
  description: 'A logo is an https URL or an image file inside the registry folder.',
  defaultSeverity: 'error',
  messages: {
    invalid: 'logo "{value}" {reason}; give an https URL of the image, or the path of a .png, .jpg, .gif, .webp or .svg file in the registry folder, such as "logos/{example}.png".',
  },
  check(context) {
    const value = asString(context.data.logo);
    if (value === undefined) return;
    const reference = parseLogoReference(value);
    if (reference.kind !== 'invalid') return;
    const example = context.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '') || 'solution';
    context.report({ path: '/logo', messageId: 'invalid', data: { value, reason: reference.reason, example } });
  },
};
