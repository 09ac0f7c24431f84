// One level of a place chosen from the division lists (province, city, county): a labelled select whose first option
// says what choosing nothing means. The names are Chinese whatever the console's language (lang="zh-CN").
import { useId } from 'react';

export interface PlaceOption {
  code: string;
  name: string;
}

export function PlaceSelect({
  label,
  value,
  options,
  noneLabel,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly PlaceOption[];
  /** The first option, value '': "choose", "whole province", "not now". */
  noneLabel: string;
  onChange: (code: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={options.length === 0}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">{noneLabel}</option>
        {options.map((option) => (
          <option key={option.code} value={option.code} lang="zh-CN">
            {option.name}
          </option>
        ))}
      </select>
    </div>
  );
}
