/** The greetings plugin's version (a published plugin generates this file from its package.json). */
export const VERSION = '0.1.0';
