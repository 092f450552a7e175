import { type CreateVideoParams, parseCreateParams } from '@lemonvideo/core';
import { useVideoModels } from '@lemonvideo/react';
import { type FormEvent, useState } from 'react';

interface GenerateFormProps {
  busy: boolean;
  onGenerate(params: CreateVideoParams): void;
}

/** The fields as typed or chosen; core reads them into params by the spec's rules. */
interface FormText {
  prompt: string;
  model: string;
  duration?: string;
  aspect_ratio?: string;
}

interface OptionalChoiceProps {
  label: string;
  name: string;
  /** The value chosen; undefined leaves it to the API's default. */
  value: string | undefined;
  /** Each value and how it reads. */
  options: readonly (readonly [string, string])[];
  onChange(value: string | undefined): void;
}

/** A select whose first option, "default", sends nothing. */
function OptionalChoice({ label, name, value, options, onChange }: OptionalChoiceProps) {
  return (
    <label>
      {label}
      <select
        name={name}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value || undefined)}
      >
        <option value="">default</option>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function GenerateForm({ busy, onGenerate }: GenerateFormProps) {
  const { models, error: modelsError } = useVideoModels();
  const [text, setText] = useState<FormText>({ prompt: '', model: '' });
  const set = (patch: Partial<FormText>) => setText((current) => ({ ...current, ...patch }));
  const model = models.find((candidate) => candidate.id === text.model);
  const { params, issues } = parseCreateParams({ ...text });
  const shown = text.prompt === '' ? [] : issues;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onGenerate(params);
  };

  return (
    <form onSubmit={submit} aria-label="Generate a video">
      <label>
        Prompt
        <textarea
          name="prompt"
          value={text.prompt}
          rows={3}
          placeholder="A cat walking through a garden, cinematic lighting"
          onChange={(event) => set({ prompt: event.target.value })}
        />
      </label>
      <div className="row">
        <label>
          Model
          <select
            name="model"
            value={text.model}
            onChange={(event) =>
              set({ model: event.target.value, duration: undefined, aspect_ratio: undefined })
            }
          >
            {(models.length > 0 ? models.map((m) => m.id) : [text.model]).map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <OptionalChoice
          label="Duration"
          name="duration"
          value={text.duration}
          options={model?.durations.map((seconds) => [String(seconds), `${seconds} s`]) ?? []}
          onChange={(duration) => set({ duration })}
        />
        <OptionalChoice
          label="Aspect ratio"
          name="aspect_ratio"
          value={text.aspect_ratio}
          options={model?.aspectRatios.map((ratio) => [ratio, ratio]) ?? []}
          onChange={(aspect_ratio) => set({ aspect_ratio })}
        />
      </div>
      {modelsError instanceof Error && (
        <p className="error">Could not load the models: {modelsError.message}</p>
      )}
      {shown.map((issue) => (
        <p key={issue.field} className="error">
          {issue.field}: {issue.message}
        </p>
      ))}
      <button type="submit" disabled={busy || text.prompt.trim() === '' || shown.length > 0}>
        Generate
      </button>
    </form>
  );
}
