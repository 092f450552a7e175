import {
  type CreateVideoParams,
  type ModelOffer,
  parseCreateParams,
  type VideoModel,
} from '@lemonvideo/core';
import { useVideoModel, useVideoModels } from '@lemonvideo/react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { maxBodyBytes } from '../backend-paths';
import { describeError } from '../describe-error';

interface GenerateFormProps {
  busy: boolean;
  onGenerate(params: CreateVideoParams): void;
}

/** The fields as typed or chosen; core reads them into params by the spec's rules. */
interface FormText {
  prompt: string;
  model: string;
  operation?: string | undefined;
  duration?: string | undefined;
  aspect_ratio?: string | undefined;
  resolution?: string | undefined;
  /** A URL typed in. */
  image_url?: string | undefined;
  /** A file picked, as a data URL. */
  image?: string | undefined;
}

/** What the choices of a model change: cleared when another model is chosen. */
const offered = {
  operation: undefined,
  duration: undefined,
  aspect_ratio: undefined,
  resolution: undefined,
};

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

/** What the model offers for the operation chosen: the operation's own, else the model's. */
const offerOf = (model: VideoModel | null, operation: string | undefined) =>
  (operation && model?.byOperation[operation]) || model;

/** The choices a model's offer fills: each field, its label, and its values as they read. */
const offerChoices: readonly {
  name: 'duration' | 'aspect_ratio' | 'resolution';
  label: string;
  options(offer: ModelOffer): [string, string][];
}[] = [
  {
    name: 'duration',
    label: 'Duration',
    options: (offer) =>
      offer.durations.map((seconds) => [String(seconds), seconds === -1 ? 'auto' : `${seconds} s`]),
  },
  {
    name: 'aspect_ratio',
    label: 'Aspect ratio',
    options: (offer) => offer.aspectRatios.map((ratio) => [ratio, ratio]),
  },
  {
    name: 'resolution',
    label: 'Resolution',
    options: (offer) => offer.resolutions.map((resolution) => [resolution, resolution]),
  },
];

/** A picked file as a data URL, or why it cannot go inline. */
function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

export function GenerateForm({ busy, onGenerate }: GenerateFormProps) {
  const { models, error: modelsError } = useVideoModels();
  const [text, setText] = useState<FormText>({ prompt: '', model: '' });
  const [imageError, setImageError] = useState<string | null>(null);
  const set = (patch: Partial<FormText>) => setText((current) => ({ ...current, ...patch }));
  const modelId = text.model || models[0]?.id;
  const details = useVideoModel(modelId);
  const model = details.model;
  const offer = offerOf(model, text.operation);
  const { params, issues } = parseCreateParams({ ...text, model: modelId });
  const shown = text.prompt === '' ? [] : issues;
  const lifecycle = model?.lifecycle ?? models.find((m) => m.id === modelId)?.lifecycle;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onGenerate(params);
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setImageError(null);
    if (!file) return set({ image: undefined });
    const dataUrl = await readDataUrl(file);
    // The rest of the body needs room too.
    if (dataUrl.length > maxBodyBytes - 16 * 1024) {
      set({ image: undefined });
      setImageError(
        `${file.name} is too large to send inline (${Math.round(file.size / 1024)} KB); pick one under ${Math.floor(((maxBodyBytes - 16 * 1024) * 3) / 4 / 1024)} KB, or give its URL.`,
      );
      return;
    }
    set({ image: dataUrl, image_url: undefined });
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
            value={modelId ?? ''}
            onChange={(event) => set({ model: event.target.value, ...offered })}
          >
            {(models.length > 0 ? models.map((m) => m.id) : [text.model]).map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <OptionalChoice
          label="Operation"
          name="operation"
          value={text.operation}
          options={model?.operations.map((operation) => [operation, operation]) ?? []}
          onChange={(operation) =>
            set({ operation, duration: undefined, aspect_ratio: undefined, resolution: undefined })
          }
        />
      </div>
      {lifecycle && lifecycle.stage !== 'active' && (
        <p className="note" data-lifecycle={lifecycle.stage}>
          {modelId} is {lifecycle.stage}
          {lifecycle.replacement ? `: use ${lifecycle.replacement} instead` : ''}.
        </p>
      )}
      <div className="row">
        {offerChoices.map(({ name, label, options }) => (
          <OptionalChoice
            key={name}
            label={label}
            name={name}
            value={text[name]}
            options={offer ? options(offer) : []}
            onChange={(value) => set({ [name]: value })}
          />
        ))}
      </div>
      <div className="row">
        <label>
          Image URL
          <input
            name="image_url"
            type="url"
            value={text.image_url ?? ''}
            placeholder="https://… (first frame)"
            disabled={text.image !== undefined}
            onChange={(event) => set({ image_url: event.target.value || undefined })}
          />
        </label>
        <label>
          or an image file
          <input name="image" type="file" accept="image/*" onChange={(event) => void pick(event)} />
        </label>
      </div>
      {imageError && <p className="error">{imageError}</p>}
      {details.status === 'failed' && (
        <p className="error">Could not read the model: {describeError(details.error)}</p>
      )}
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
