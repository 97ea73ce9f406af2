/** Static tables the generated data draws from: models, client_ids per surface, name parts. */

/** Models the simulator emits, with their credits-per-turn and tokens-per-credit factors. */
export const models = [
  { model: 'gpt-5.4', speed: 'standard', creditFactor: 1, tokenFactor: 1 },
  { model: 'gpt-5.4', speed: 'fast', creditFactor: 2, tokenFactor: 0.5 },
  { model: 'gpt-5.4-mini', speed: 'standard', creditFactor: 0.3, tokenFactor: 3 },
  { model: 'other', speed: null, creditFactor: 0.8, tokenFactor: 1.2 },
] as const;

/** Weighted choices: [client_id, weight]. */
export type Choice = readonly (readonly [string, number])[];
/** The client_ids of each surface group, in affinity order: cli, ide, cloud, desktop, review. */
export const clientGroups: readonly Choice[] = [
  [
    ['CODEX_CLI', 85],
    ['CODEX_SDK_TS', 10],
    ['CODEX_SERVICE_EXEC', 5],
  ],
  [
    ['CODEX_IDE_VSCODE', 55],
    ['CODEX_IDE_JETBRAINS_INTELLIJ', 12],
    ['CODEX_IDE_JETBRAINS_PYCHARM', 9],
    ['CODEX_IDE_JETBRAINS_GOLAND', 5],
    ['CODEX_IDE_JETBRAINS_WEBSTORM', 5],
    ['CODEX_IDE_XCODE', 5],
    ['CODEX_IDE_JETBRAINS_RIDER', 3],
    ['CODEX_IDE_JETBRAINS_CLION', 2],
    ['CODEX_IDE_JETBRAINS_RUSTROVER', 2],
    ['CODEX_IDE_JETBRAINS_ANDROID_STUDIO', 2],
  ],
  [
    ['CODEX_WEB', 60],
    ['CODEX_CLOUD_GENERAL_AGENT', 15],
    ['CODEX_SLACK', 10],
    ['CODEX_GITHUB_ACTION', 10],
    ['CODEX_WORK_WEB', 5],
  ],
  [
    ['CODEX_DESKTOP_APP', 70],
    ['CODEX_CHATGPT_DESKTOP', 20],
    ['CODEX_WORK_DESKTOP', 10],
  ],
  [['CODEX_GITHUB', 1]],
];
/** Mean affinity per surface group: IDE and CLI dominate, code review is a side channel. */
export const affinityScale = [1, 1.2, 0.5, 0.3, 0.15];

/** Name parts for generated emails. */
export const firstNames = [
  'ana',
  'ben',
  'chen',
  'dara',
  'eli',
  'fatima',
  'gus',
  'hana',
  'ivan',
  'jo',
  'kofi',
  'lena',
  'mateo',
  'nia',
  'omar',
  'priya',
  'quinn',
  'raj',
  'sofia',
  'tom',
];
export const lastNames = [
  'adams',
  'baker',
  'costa',
  'diaz',
  'evans',
  'fischer',
  'garcia',
  'haddad',
  'ito',
  'jensen',
  'kim',
  'lopez',
  'moreau',
  'novak',
  'okafor',
  'patel',
  'rossi',
  'silva',
  'tanaka',
  'weber',
];
