// Redraws the installers' icons into resources/installer: `tsx packaging/write-icons.ts`.
import { ICON_DIR, writeIconFiles } from './icons';

writeIconFiles().then(
  () => process.stdout.write(`icons written to ${ICON_DIR}\n`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
