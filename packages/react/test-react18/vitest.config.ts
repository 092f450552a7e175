import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config';

const here = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(here.resolve(`${name}/package.json`));

/** The react package's own tests, with React, react-dom and testing-library taken from here (React 18). */
export default mergeConfig(
  base,
  defineConfig({
    root: '..',
    resolve: {
      alias: [
        { find: /^react-dom(\/.*)?$/, replacement: `${packageDir('react-dom')}$1` },
        { find: /^react(\/.*)?$/, replacement: `${packageDir('react')}$1` },
        { find: /^@testing-library\/react$/, replacement: packageDir('@testing-library/react') },
      ],
    },
    test: { name: 'react-18', env: { EXPECTED_REACT_MAJOR: '18' } },
  }),
);
