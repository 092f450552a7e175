import * as core from '@lemonvideo/core';
import * as coreNode from '@lemonvideo/core/node';
import * as proxy from '@lemonvideo/proxy';
import * as proxyNode from '@lemonvideo/proxy/node';
import * as react from '@lemonvideo/react';
import * as simulator from '@lemonvideo/simulator';
import * as cli from 'lemonvideo';
import * as React from 'react';
import * as server from 'react-dom/server';
import { scenario } from './scenario.mjs';

const result = await scenario({
  core,
  coreNode,
  proxy,
  proxyNode,
  react,
  simulator,
  cli,
  React,
  server,
});
console.log(JSON.stringify({ format: 'esm', ...result }));
