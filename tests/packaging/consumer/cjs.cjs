const core = require('@lemonvideo/core');
const coreNode = require('@lemonvideo/core/node');
const proxy = require('@lemonvideo/proxy');
const proxyNode = require('@lemonvideo/proxy/node');
const react = require('@lemonvideo/react');
const simulator = require('@lemonvideo/simulator');
const cli = require('lemonvideo');
const React = require('react');
const server = require('react-dom/server');

// Only the scenario is shared with esm.mjs; every package above came in through require().
import('./scenario.mjs')
  .then(({ scenario }) =>
    scenario({ core, coreNode, proxy, proxyNode, react, simulator, cli, React, server }),
  )
  .then((result) => console.log(JSON.stringify({ format: 'cjs', ...result })))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
