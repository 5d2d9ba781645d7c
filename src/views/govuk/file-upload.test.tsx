import { FileUpload } from './file-upload.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

const enhanced = 'the JavaScript drop-zone enhancement (`javascript: true`) is not ported';
testAgainstFixtures('file-upload', FileUpload, {
  enhanced,
  'enhanced, with error message and hint': enhanced,
  'enhanced, multiple files': enhanced,
  'enhanced, custom wrapper classes and attributes': enhanced,
  translated: enhanced,
});
