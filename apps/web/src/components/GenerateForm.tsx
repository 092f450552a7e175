import {
  type CreateVideoParams,
  createVideoRequestRules,
  defaultModel,
  validationIssues,
} from '@lemonvideo/core';
import { type FormEvent, useState } from 'react';
import { useModels } from '../hooks/use-models';

interface GenerateFormProps {
  busy: boolean;
  onGenerate(params: CreateVideoParams): void;
}

export function GenerateForm({ busy, onGenerate }: GenerateFormProps) {
  const { models, error: modelsError } = useModels();
  const [prompt, setPrompt] = useState('');
  const [modelId, setModelId] = useState<string>(defaultModel);
  const [duration, setDuration] = useState<number | undefined>();
  const [aspectRatio, setAspectRatio] = useState<string | undefined>();
  const model = models.find((candidate) => candidate.id === modelId);

  const params: CreateVideoParams = {
    model: modelId,
    prompt,
    ...(duration !== undefined && { duration }),
    ...(aspectRatio !== undefined && { aspect_ratio: aspectRatio }),
  };
  const issues = prompt === '' ? [] : validationIssues(params, createVideoRequestRules);

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
          value={prompt}
          rows={3}
          placeholder="A cat walking through a garden, cinematic lighting"
          onChange={(event) => setPrompt(event.target.value)}
        />
      </label>
      <div className="row">
        <label>
          Model
          <select
            name="model"
            value={modelId}
            onChange={(event) => {
              setModelId(event.target.value);
              setDuration(undefined);
              setAspectRatio(undefined);
            }}
          >
            {(models.length > 0 ? models.map((m) => m.id) : [modelId]).map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <label>
          Duration
          <select
            name="duration"
            value={duration ?? ''}
            onChange={(event) =>
              setDuration(event.target.value ? Number(event.target.value) : undefined)
            }
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
            value={aspectRatio ?? ''}
            onChange={(event) => setAspectRatio(event.target.value || undefined)}
          >
            <option value="">default</option>
            {model?.aspectRatios.map((ratio) => (
              <option key={ratio}>{ratio}</option>
            ))}
          </select>
        </label>
      </div>
      {modelsError && <p className="error">Could not load the models: {modelsError.message}</p>}
      {issues.map((issue) => (
        <p key={issue.path} className="error">
          {issue.path}: {issue.message}
        </p>
      ))}
      <button type="submit" disabled={busy || prompt.trim() === '' || issues.length > 0}>
        Generate
      </button>
    </form>
  );
}
