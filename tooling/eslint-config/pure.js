// The rules core takes data in and gives findings out. These restrictions make lint
// fail when someone reaches for the file system, the network, the process or the clock.
const io = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'worker_threads',
  'cluster',
  'readline',
  'process',
  'stream',
  'tty',
  'pg',
  'kysely',
  '@electric-sql/pglite',
  'express',
];

export const pureCore = {
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: io.flatMap((name) => [
          { name, message: 'The rules core is pure: no I/O.' },
          { name: `node:${name}`, message: 'The rules core is pure: no I/O.' },
        ]),
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: 'The rules core is pure: configuration is passed in.' },
      { name: 'fetch', message: 'The rules core is pure: no network.' },
      { name: 'performance', message: 'The rules core is pure: no clock.' },
      { name: 'setTimeout', message: 'The rules core is pure: no timers.' },
      { name: 'setInterval', message: 'The rules core is pure: no timers.' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: 'The rules core is pure: no clock. Take the date as an argument.',
      },
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: 'The rules core is pure: no clock. Take the date as an argument.',
      },
      {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: 'The rules core is pure and deterministic: take a seeded generator.',
      },
    ],
  },
};
