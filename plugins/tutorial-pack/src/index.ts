import type { PluginContext } from '@chronicle/plugin-api';
import { singleContact } from './single-contact.js';

export function activate(context: PluginContext): void {
  context.registerRule(singleContact);
}
