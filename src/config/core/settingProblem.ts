// A setting the user wrote that cannot be used as written: what every setting's parser reports (the settings
// parser and the modelOverrides parser share it, so neither imports the other).
export interface SettingProblem {
  /** e.g. 'inferenceChat.temperature' or 'inferenceChat.customProviders' */
  setting: string;
  message: string;
  /** For customProviders: the id of the broken entry, when it has one. */
  providerId?: string;
}
