import type { Settings } from '../settings';
import { useSaving } from './saved-notice';

/** The preferences that are on or off. */
export type OnOffSetting = { [K in keyof Settings]: Settings[K] extends boolean ? K : never }[keyof Settings];

/**
 * One on/off preference as a checkbox with its label, stored as soon as it changes (the options page then says
 * "Saved"). `data-setting` names it, for the tests' locators and nothing else.
 */
export function SettingCheckbox(props: { settings: Settings; setting: OnOffSetting; label: string }) {
  const { save } = useSaving();
  return (
    <label class="settings-row">
      <input
        type="checkbox"
        data-setting={props.setting}
        checked={props.settings[props.setting]}
        onChange={(event) => save({ [props.setting]: event.currentTarget.checked })}
      />
      <span class="settings-text">{props.label}</span>
    </label>
  );
}
