/**
 * The conformance table: local validation is never stricter than the vendor, and never looser
 * than its documented rules. Every accepted body comes from the vendor's examples or from an
 * edge of its create schema; it must pass the client's validator AND be accepted by the
 * simulator, with a model that offers what it asks. Every refused body breaks a documented rule;
 * the client must refuse it with a RequestValidationError naming the field and the rule, and
 * send nothing.
 */
import { type Simulator, startSimulator } from '@lemonvideo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreateVideoParams, LemonVideo, RequestValidationError } from '../src/index';
import { validationIssues } from '../src/validate-params';

let simulator: Simulator;
let sent = 0;
const apiKey = 'sk-conformance';

beforeAll(async () => {
  // Assets are ACTIVE at once here: the 409 while they process has its own tests.
  simulator = await startSimulator({ apiKey, rateLimit: false, assetProcessingMs: 0 });
});
afterAll(() => simulator.close());

const client = () =>
  new LemonVideo({
    apiKey,
    baseURL: simulator.url,
    maxRetries: 0,
    fetch: (input, init) => {
      sent += 1;
      return globalThis.fetch(input, init);
    },
  });

const urls = (count: number, extension = 'png') =>
  Array.from({ length: count }, (_, i) => `https://example.com/${i}.${extension}`);
const element = (name: string, images = 2) => ({ name, element_input_urls: urls(images) });
const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';

/** Material assets uploaded before the table runs, for the bodies that name them. */
const assets: string[] = [];

const accepted: [string, CreateVideoParams | (() => CreateVideoParams)][] = [
  [
    'vendor example: text to video',
    {
      model: 'veo3.1',
      prompt: 'A cinematic shot of a golden retriever running through a field of sunflowers',
      duration: 5,
      aspect_ratio: '16:9',
    },
  ],
  [
    'vendor example: image to video',
    {
      model: 'hailuo-2.3-standard',
      prompt: 'Make this image come alive with gentle movement',
      operation: 'image-to-video',
      image_url: 'https://example.com/image.jpg',
      duration: 6,
    },
  ],
  [
    'vendor example: reference to video',
    {
      model: 'veo3.1',
      prompt: 'Keep the same subject identity and palette while adding subtle motion',
      operation: 'reference-to-video',
      reference_images: ['https://example.com/ref-a.jpg'],
      duration: 8,
      aspect_ratio: '9:16',
      resolution: '720p',
    },
  ],
  [
    'vendor example: Seedance, the model choosing',
    {
      model: 'seedance-2.0',
      prompt: 'A paper boat drifts down a rainy street',
      duration: -1,
      aspect_ratio: 'adaptive',
      resolution: '720p',
      output_audio: true,
    },
  ],
  [
    'vendor example: start and end frames',
    {
      model: 'viduq2-pro',
      prompt: 'The flower opens',
      operation: 'start-end-to-video',
      start_image: 'https://example.com/start.png',
      end_image: 'https://example.com/end.png',
      duration: 5,
      resolution: '720p',
      aspect_ratio: '16:9',
    },
  ],
  [
    'vendor example: video to video',
    {
      model: 'grok-imagine-video',
      prompt: 'Make it snow',
      operation: 'video-to-video',
      video_url: 'https://example.com/clip.mp4',
    },
  ],
  [
    'vendor example: motion control',
    {
      model: 'kling-3.0-motion-control',
      prompt: 'The character dances',
      operation: 'motion-control',
      image_url: 'https://example.com/character.png',
      video_url: 'https://example.com/dance.mp4',
      resolution: '720p',
    },
  ],
  [
    'operation video-extension, duration 60, extend_at 0, extend_times',
    {
      model: 'kling-video-extend',
      operation: 'video-extension',
      video_url: 'https://example.com/clip.mp4',
      duration: 60,
      extend_at: 0,
      extend_times: '2',
    },
  ],
  [
    'operation audio-to-video',
    {
      model: 'wan-2.6',
      prompt: 'A singer on a stage',
      operation: 'audio-to-video',
      audio_url: 'https://example.com/song.mp3',
    },
  ],
  [
    'operation text-to-video',
    { model: 'kling-video', prompt: 'x', operation: 'text-to-video', duration: 10 },
  ],
  ['aspect_ratio adaptive', { model: 'seedance-1.5-pro', prompt: 'x', aspect_ratio: 'adaptive' }],
  ['aspect_ratio 21:9', { model: 'seedance-2.0', prompt: 'x', aspect_ratio: '21:9' }],
  [
    'aspect_ratio 4:3 and 3:4',
    { model: 'seedance-2.0', prompt: 'x', aspect_ratio: '4:3', ratio: '4:3' },
  ],
  ['duration -1', { model: 'seedance-1.5-pro', prompt: 'x', duration: -1 }],
  ['seed -1', { model: 'seedance-1.5-pro', prompt: 'x', seed: -1 }],
  ['seed 4294967295', { model: 'kling-video', prompt: 'x', seed: 4294967295 }],
  ['resolution 480p', { model: 'seedance-2.0-fast', prompt: 'x', resolution: '480p' }],
  ['resolution 4k', { model: 'seedance-2.0', prompt: 'x', resolution: '4k' }],
  ['resolution 1080p', { model: 'kling-video', prompt: 'x', resolution: '1080p' }],
  ['image as a data URL', { model: 'wan2.6-i2v', prompt: 'walk', image: dataUrl }],
  [
    'image_urls with 30 items',
    { model: 'seedance-2.5', prompt: 'x', operation: 'reference-to-video', image_urls: urls(30) },
  ],
  [
    'reference_images with 30 items: URLs, data URLs',
    {
      model: 'seedance-2.5',
      prompt: 'x',
      operation: 'reference-to-video',
      reference_images: [...urls(29), dataUrl],
    },
  ],
  [
    'video_urls with 10 items',
    {
      model: 'seedance-2.5',
      prompt: 'x',
      operation: 'reference-to-video',
      video_urls: urls(10, 'mp4'),
    },
  ],
  [
    'audio_urls with 10 items and no prompt',
    { model: 'seedance-2.5', operation: 'reference-to-video', audio_urls: urls(10, 'mp3') },
  ],
  ['output_format mov', { model: 'seedance-2.5', prompt: 'x', output_format: 'mov' }],
  ['service_tier flex', { model: 'veo3.1', prompt: 'x', service_tier: 'flex' }],
  ['service_tier default', { model: 'seedance-2.0', prompt: 'x', service_tier: 'default' }],
  ['priority 9', { model: 'seedance-2.0', prompt: 'x', priority: 9 }],
  ['priority 0', { model: 'seedance-2.0', prompt: 'x', priority: 0 }],
  [
    'execution_expires_after 3600',
    { model: 'seedance-2.0', prompt: 'x', execution_expires_after: 3600 },
  ],
  [
    'execution_expires_after 259200',
    { model: 'seedance-2.0', prompt: 'x', execution_expires_after: 259200 },
  ],
  [
    'kling_elements: 3 elements of 4 images, referred to in the prompt',
    {
      model: 'kling-3.0-video',
      prompt: '@cat chases @dog around @ball',
      image_url: 'https://example.com/scene.png',
      kling_elements: [
        { ...element('cat', 4), description: 'A ginger cat' },
        element('dog', 4),
        element('ball'),
      ],
    },
  ],
  [
    'material_asset_ids with 9 assets',
    () => ({
      model: 'seedance-2.0',
      prompt: 'x',
      operation: 'reference-to-video',
      material_asset_ids: assets.slice(0, 9),
    }),
  ],
  [
    'material_asset_id, and an asset:// first frame',
    () => ({
      model: 'seedance-2.0',
      prompt: 'x',
      operation: 'image-to-video',
      image_url: `asset://${assets[0]}`,
      material_asset_id: assets[1],
    }),
  ],
  [
    'reference_image_type style',
    {
      model: 'veo3.1',
      prompt: 'x',
      operation: 'reference-to-video',
      reference_images: urls(2),
      reference_image_type: 'style',
    },
  ],
  [
    'reference_image_type asset, reference images as asset:// URIs',
    () => ({
      model: 'seedance-2.0',
      prompt: 'x',
      reference_images: [`asset://${assets[2]}`],
      reference_image_type: 'asset',
    }),
  ],
  [
    'fps, cfg_scale and motion_strength at their edges',
    { model: 'kling-video', prompt: 'x', fps: 120, cfg_scale: 20, motion_strength: 1 },
  ],
  [
    'fps, cfg_scale and motion_strength at their other edges, frames 1',
    { model: 'kling-video', prompt: 'x', fps: 1, cfg_scale: 0, motion_strength: 0, frames: 1 },
  ],
  [
    'aliases that agree with their fields',
    {
      model: 'seedance-2.0',
      prompt: 'x',
      duration: 10,
      seconds: 10,
      aspect_ratio: '9:16',
      ratio: '9:16',
      output_audio: false,
      outputAudio: false,
      generate_audio: false,
    },
  ],
  [
    'aliases alone',
    { model: 'kling-video', prompt: 'x', seconds: 10, ratio: '1:1', generate_audio: true },
  ],
  ['draft', { model: 'seedance-1.5-pro', prompt: 'x', draft: true }],
  ['draft_task_id', { model: 'seedance-1.5-pro', prompt: 'x', draft_task_id: 'ldtask_draft' }],
  [
    'return_last_frame, watermark, safety_identifier of 128 characters, user',
    {
      model: 'seedance-2.0',
      prompt: 'x',
      return_last_frame: true,
      watermark: false,
      safety_identifier: 'u'.repeat(128),
      user: 'user-42',
    },
  ],
  ['camera_fixed', { model: 'seedance-1.5-pro', prompt: 'x', camera_fixed: true }],
  [
    'negative_prompt, size, effect_type, task_id, and a field the spec does not know',
    {
      model: 'kling-video',
      prompt: 'x',
      negative_prompt: 'blur',
      size: '1280x720',
      effect_type: 'none',
      task_id: 'ldtask_parent',
      brand_new_vendor_field: { any: 'shape' },
    },
  ],
];

const refused: [string, CreateVideoParams, string, RegExp][] = [
  ['duration 61', { duration: 61 }, 'duration', /between -1 and 60/],
  ['duration -2', { duration: -2 }, 'duration', /between -1 and 60/],
  ['duration 5.5', { duration: 5.5 }, 'duration', /an integer/],
  ['seconds 61', { seconds: 61 }, 'seconds', /between -1 and 60/],
  ['seed -2', { seed: -2 }, 'seed', /between -1 and 4294967295/],
  ['seed 4294967296', { seed: 4294967296 }, 'seed', /between -1 and 4294967295/],
  ['aspect_ratio 5:4', { aspect_ratio: '5:4' as never }, 'aspect_ratio', /one of "adaptive"/],
  ['ratio square', { ratio: 'square' as never }, 'ratio', /one of "adaptive"/],
  [
    'resolution 2k',
    { resolution: '2k' as never },
    'resolution',
    /one of "480p", "720p", "1080p", "4k"/,
  ],
  ['fps 0', { fps: 0 }, 'fps', /between 1 and 120/],
  ['fps 121', { fps: 121 }, 'fps', /between 1 and 120/],
  ['cfg_scale 21', { cfg_scale: 21 }, 'cfg_scale', /between 0 and 20/],
  ['motion_strength 1.5', { motion_strength: 1.5 }, 'motion_strength', /between 0 and 1/],
  ['priority 10', { priority: 10 }, 'priority', /between 0 and 9/],
  ['priority -1', { priority: -1 }, 'priority', /between 0 and 9/],
  [
    'execution_expires_after 3599',
    { execution_expires_after: 3599 },
    'execution_expires_after',
    /between 3600 and 259200/,
  ],
  [
    'execution_expires_after 259201',
    { execution_expires_after: 259201 },
    'execution_expires_after',
    /between 3600 and 259200/,
  ],
  [
    'image_urls with 31 items',
    { image_urls: urls(31) },
    'image_urls',
    /between 1 and 30 items \(got 31\)/,
  ],
  ['image_urls empty', { image_urls: [] }, 'image_urls', /between 1 and 30 items \(got 0\)/],
  [
    'reference_images with 31 items',
    { reference_images: urls(31) },
    'reference_images',
    /between 1 and 30 items/,
  ],
  [
    'video_urls with 11 items',
    { video_urls: urls(11, 'mp4') },
    'video_urls',
    /between 1 and 10 items \(got 11\)/,
  ],
  [
    'audio_urls with 11 items',
    { audio_urls: urls(11, 'mp3') },
    'audio_urls',
    /between 1 and 10 items/,
  ],
  [
    'material_asset_ids with 10 items',
    { material_asset_ids: urls(10) },
    'material_asset_ids',
    /between 1 and 9 items/,
  ],
  [
    'kling_elements with 1 url',
    { kling_elements: [{ name: 'cat', element_input_urls: urls(1) }] },
    'kling_elements.0.element_input_urls',
    /between 2 and 4 items \(got 1\)/,
  ],
  [
    'kling_elements with 4 elements',
    { kling_elements: [element('a'), element('b'), element('c'), element('d')] },
    'kling_elements',
    /between 1 and 3 items/,
  ],
  [
    'kling_elements without a name',
    { kling_elements: [{ element_input_urls: urls(2) }] as never },
    'kling_elements.0.name',
    /is required/,
  ],
  [
    'service_tier fast',
    { service_tier: 'fast' as never },
    'service_tier',
    /one of "default", "flex"/,
  ],
  ['operation x', { operation: 'x' as never }, 'operation', /one of "text-to-video"/],
  ['output_format avi', { output_format: 'avi' as never }, 'output_format', /one of "mp4", "mov"/],
  [
    'reference_image_type photo',
    { reference_image_type: 'photo' as never },
    'reference_image_type',
    /one of "asset", "style"/,
  ],
  [
    'safety_identifier of 129 characters',
    { safety_identifier: 'u'.repeat(129) },
    'safety_identifier',
    /at most 128 characters/,
  ],
  ['extend_at -1', { extend_at: -1 }, 'extend_at', /at least 0/],
  ['frames 0', { frames: 0 }, 'frames', /at least 1/],
  ['image_url not a URL', { image_url: 'cat.png' }, 'image_url', /an absolute URL/],
  ['output_audio not a boolean', { output_audio: 'yes' as never }, 'output_audio', /true or false/],
  [
    'seconds differs from duration',
    { duration: 5, seconds: 10 },
    'seconds',
    /must equal duration \(5\)/,
  ],
  [
    'ratio differs from aspect_ratio',
    { aspect_ratio: '16:9', ratio: '9:16' },
    'ratio',
    /must equal aspect_ratio \("16:9"\)/,
  ],
  [
    'generate_audio differs from output_audio',
    { output_audio: true, generate_audio: false },
    'generate_audio',
    /must equal output_audio \(true\)/,
  ],
  [
    'outputAudio differs from output_audio',
    { output_audio: false, outputAudio: true },
    'outputAudio',
    /must equal output_audio \(false\)/,
  ],
];

describe('the conformance table', () => {
  it('holds at least 25 bodies each way', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(25);
    expect(refused.length).toBeGreaterThanOrEqual(25);
  });

  describe('accepted by the client and by the simulator', () => {
    beforeAll(async () => {
      for (let i = 0; i < 9; i++) {
        const response = await fetch(`${simulator.url}/v1/videos/assets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ asset_url: `https://example.com/asset-${i}.png` }),
        });
        assets.push(((await response.json()) as { id: string }).id);
      }
    });

    it.each(accepted)('%s', async (_name, body) => {
      const params = typeof body === 'function' ? body() : body;
      expect(validationIssues(params)).toEqual([]);
      const before = simulator.stats().tasksCreated;
      const task = await client().videos.create(params);
      expect(task.status).toBe('pending');
      expect(task.model).toBe(params.model);
      expect(simulator.stats().tasksCreated).toBe(before + 1);
    });
  });

  describe('refused locally, naming the field and the rule, with nothing sent', () => {
    it.each(refused)('%s', async (_name, fields, field, rule) => {
      const requestsBefore = simulator.stats().requests;
      sent = 0;
      const error = await client()
        .videos.create({ model: 'kling-video', prompt: 'x', ...fields })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RequestValidationError);
      const issue = (error as RequestValidationError).issues.find((item) => item.field === field);
      expect(issue, JSON.stringify((error as RequestValidationError).issues)).toBeDefined();
      expect(issue?.message).toMatch(rule);
      expect((error as Error).message).toContain(`${field}: `);
      expect(sent).toBe(0);
      expect(simulator.stats().requests).toBe(requestsBefore);
    });
  });
});
