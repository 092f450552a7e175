export { downloadToFile, type SavedVideo } from './node/download-to-file';
