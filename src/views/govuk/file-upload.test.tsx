import { FileUpload } from './file-upload.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

const enhanced = 'the JavaScript-enhanced drop zone is not ported: the plain input works with JavaScript off';
testAgainstFixtures('file-upload', FileUpload, {
  enhanced,
  'enhanced, with error message and hint': enhanced,
  'enhanced, multiple files': enhanced,
  'enhanced, custom wrapper classes and attributes': enhanced,
  translated: enhanced,
});
