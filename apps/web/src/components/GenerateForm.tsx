import { type CreateVideoParams, defaultModel, parseCreateParams } from '@lemonvideo/core';
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

export function GenerateForm({ busy, onGenerate }: GenerateFormProps) {
  const { models, error: modelsError } = useVideoModels();
  const [text, setText] = useState<FormText>({ prompt: '', model: defaultModel });
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
        <label>
          Duration
          <select
            name="duration"
            value={text.duration ?? ''}
            onChange={(event) => set({ duration: event.target.value || undefined })}
          >
            <option value="">default</option>
            {model?.durations.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds} s
              </option>
            ))}
          </select>
        </label>
        <label>
          Aspect ratio
          <select
            name="aspect_ratio"
            value={text.aspect_ratio ?? ''}
            onChange={(event) => set({ aspect_ratio: event.target.value || undefined })}
          >
            <option value="">default</option>
            {model?.aspectRatios.map((ratio) => (
              <option key={ratio}>{ratio}</option>
            ))}
          </select>
        </label>
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
