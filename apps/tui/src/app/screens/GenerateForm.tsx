import type { CreateVideoParams } from '@lemonvideo/core';
import type { UseVideoModelResult, UseVideoModelsResult } from '@lemonvideo/react';
import { Box, useInput } from 'ink';
import { useEffect } from 'react';
import { createFields, type FieldText, labelOf } from '../../session/create-fields';
import { lifecycleText, priceText } from '../../text/model-text';
import { ChoiceInput } from '../components/ChoiceInput';
import { Field } from '../components/Field';
import { KeyHints } from '../components/KeyHints';
import { Notice } from '../components/Notice';
import { Text } from '../components/Text';
import { TextInput } from '../components/TextInput';
import {
  autoOperation,
  choicesFor,
  chosenModel,
  focusedRow,
  formReducer,
  formRows,
  initialForm,
  issueAt,
} from '../form-state';
import { useSyncReducer } from '../hooks/use-sync-reducer';

/** What the advanced section holds, e.g. "negative prompt, seed, fps". */
const advancedLabels = createFields
  .filter((field) => field.form === 'advanced')
  .map((field) => field.label.toLowerCase())
  .join(', ');

export interface GenerateFormProps {
  models: UseVideoModelsResult;
  /** The details of a model, as `useVideoModel` of @lemonvideo/react gives them. */
  useModel: (id: string | undefined) => UseVideoModelResult;
  /** Why the last submit was refused before anything was sent (e.g. no such image file). */
  error?: string | undefined;
  /** The values it starts with, e.g. the last generation's. */
  initial: FieldText;
  describe: (error: unknown) => string;
  onSubmit: (params: CreateVideoParams, text: FieldText) => void;
  onHistory: () => void;
  onQuit: () => void;
}

/**
 * The new-video form, checked against the spec's rules as you type: each broken rule shows
 * next to its field, and Enter submits only a valid request.
 */
export function GenerateForm({
  models,
  useModel,
  error,
  initial,
  describe,
  onSubmit,
  onHistory,
  onQuit,
}: GenerateFormProps) {
  const [state, dispatch] = useSyncReducer(formReducer, () => initialForm(initial));
  useEffect(() => {
    if (models.status === 'loaded') dispatch({ type: 'models', models: models.models });
  }, [models, dispatch]);
  const details = useModel(state.values.model);
  useEffect(() => {
    if (details.status === 'loaded') dispatch({ type: 'details', model: details.model });
  }, [details, dispatch]);

  useInput((input, key) => {
    if ((key.ctrl && input === 'c') || key.escape) {
      onQuit();
      return;
    }
    if (key.ctrl && input === 'r') {
      onHistory();
      return;
    }
    // Keys typed faster than they are read come as one chunk, the last one Enter: "cat\r".
    const typedThenEnter = !key.return && input.length > 1 && input.endsWith('\r');
    const typed = typedThenEnter ? input.slice(0, -1) : input;
    let next = dispatch({ type: 'key', input: typed, key });
    const enter = key.return || typedThenEnter;
    const onField = focusedRow(next)?.kind === 'field';
    if (typedThenEnter) next = dispatch({ type: 'key', input: '', key: { return: true } });
    if (enter && onField && next.parsed.issues.length === 0) {
      onSubmit(next.parsed.params, next.values);
    }
  });

  const rows = formRows(state.advanced);
  const focused = focusedRow(state);
  const model = chosenModel(state);
  const choosing = focused?.kind === 'field' && choicesFor(focused.key, state) !== null;
  const enter =
    focused?.kind !== 'advanced' ? 'generate' : state.advanced ? 'hide advanced' : 'show advanced';

  return (
    <Box flexDirection="column">
      <Text bold>New video</Text>
      {models.status === 'loading' ? <Text dimColor>Listing the models…</Text> : null}
      {models.status === 'failed' ? (
        <Text color="red" wrap="wrap">
          Could not list the models: {describe(models.error)}
        </Text>
      ) : null}
      {rows.map((row, index) => {
        const isFocused = index === state.focus;
        if (row.kind === 'advanced') {
          return (
            <Text
              key="advanced"
              color={isFocused ? 'cyan' : undefined}
              bold={isFocused}
              wrap="wrap"
            >
              {isFocused ? '› ' : '  '}
              {state.advanced ? '▾' : '▸'} Advanced: {advancedLabels}
            </Text>
          );
        }
        const { key } = row;
        const choices = choicesFor(key, state);
        const life = model ? lifecycleText(model.lifecycle) : null;
        const hint =
          key === 'model' && model
            ? [life && `⚠ ${life}`, model.ownedBy, priceText(model.pricing)]
                .filter(Boolean)
                .join(' · ')
            : key === 'image'
              ? 'a URL, or an image file (sent inline)'
              : undefined;
        return (
          <Field
            key={key}
            label={labelOf(key)}
            focused={isFocused}
            issue={state.submitted || state.touched.has(key) ? issueAt(state, key) : undefined}
            hint={hint}
          >
            {choices ? (
              <ChoiceInput
                options={choices}
                value={state.values[key] ?? ''}
                focused={isFocused}
                compact={key === 'model'}
                format={(option) =>
                  option === autoOperation && key === 'operation' ? 'auto' : option
                }
              />
            ) : (
              <TextInput
                value={state.values[key] ?? ''}
                cursor={state.cursors[key]}
                focused={isFocused}
                placeholder={key === 'prompt' ? 'describe the video' : 'optional'}
              />
            )}
          </Field>
        );
      })}
      <Notice color="red">{error}</Notice>
      <KeyHints
        hints={[
          { key: '↑↓', label: 'field' },
          { key: '←→', label: 'choose', enabled: choosing },
          { key: 'enter', label: enter },
          { key: 'ctrl+r', label: 'history' },
          { key: 'esc', label: 'quit' },
        ]}
      />
    </Box>
  );
}
