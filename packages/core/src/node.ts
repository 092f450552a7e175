export {
  downloadToFile,
  downloadToStream,
  type SavedVideo,
  type SaveOptions,
  type StreamOptions,
} from './node/download-to-file';
