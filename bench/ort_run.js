#!/usr/bin/env node
// Runs an ONNX model with ONNX Runtime (onnxruntime-node, CPU) on .npy inputs and prints one
// JSON object: median/min/max milliseconds of the timed runs, thread count, output names.
//
//   node ort_run.js --model model.onnx --input NAME=file.npy [--input ...]
//                   [--warmup 3] [--runs 10] [--threads N] [--output-dir DIR]
//
// --output-dir writes each output as DIR/<name>.npy ('/' and ':' replaced by '_', as accel-run
// does) so the benchmark can use ONNX Runtime as a second numerical oracle.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

const NPY_TYPES = {
  '<f4': ['float32', Float32Array], '<f8': ['float64', Float64Array],
  '<i8': ['int64', BigInt64Array], '<i4': ['int32', Int32Array],
  '|b1': ['bool', Uint8Array], '|u1': ['uint8', Uint8Array], '|i1': ['int8', Int8Array],
};

function fail(message) {
  process.stderr.write(`ort_run: error: ${message}\n`);
  process.exit(1);
}

function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== '\x93NUMPY') fail(`${file}: not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shape) fail(`${file}: malformed .npy header`);
  if (fortran[1] === 'True') fail(`${file}: Fortran-order arrays are not supported`);
  const type = NPY_TYPES[descr[1]];
  if (!type) fail(`${file}: unsupported dtype ${descr[1]}`);
  const dims = shape[1].split(',').map((s) => s.trim()).filter((s) => s).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  const bytes = buf.subarray(start, start + count * type[1].BYTES_PER_ELEMENT);
  // Copy into an aligned buffer: typed arrays need their element alignment.
  const data = new type[1](count);
  new Uint8Array(data.buffer).set(bytes);
  const values = type[0] === 'bool' ? Uint8Array.from(data, (v) => (v ? 1 : 0)) : data;
  return new ort.Tensor(type[0], values, dims);
}

function writeNpy(file, tensor) {
  const descr = { float32: '<f4', float64: '<f8', int64: '<i8', int32: '<i4', bool: '|b1' }[tensor.type];
  if (!descr) return;
  const shape = tensor.dims.length === 1 ? `(${tensor.dims[0]},)` : `(${tensor.dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  const data = tensor.data;
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]));
}

function parseArgs(argv) {
  const args = { inputs: {}, warmup: 3, runs: 10, threads: 0, outputDir: null, model: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--model') args.model = value();
    else if (flag === '--input') {
      const v = value();
      const eq = v.indexOf('=');
      if (eq <= 0) fail(`--input expects NAME=file.npy, got '${v}'`);
      args.inputs[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (flag === '--warmup') args.warmup = Number(value());
    else if (flag === '--runs') args.runs = Number(value());
    else if (flag === '--threads') args.threads = Number(value());
    else if (flag === '--output-dir') args.outputDir = value();
    else fail(`unknown argument '${flag}'`);
  }
  if (!args.model) fail('--model is required');
  if (!(args.runs >= 1)) fail('--runs must be at least 1');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const options = { executionProviders: ['cpu'], graphOptimizationLevel: 'all' };
  if (args.threads > 0) options.intraOpNumThreads = args.threads;
  const loadStart = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(args.model, options);
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

  const feeds = {};
  for (const name of session.inputNames) {
    if (!(name in args.inputs)) fail(`no --input for graph input '${name}'`);
    feeds[name] = readNpy(args.inputs[name]);
  }
  let results;
  for (let i = 0; i < args.warmup; i++) results = await session.run(feeds);
  const times = [];
  for (let i = 0; i < args.runs; i++) {
    const t0 = process.hrtime.bigint();
    results = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  if (args.outputDir) {
    fs.mkdirSync(args.outputDir, { recursive: true });
    for (const name of session.outputNames) {
      writeNpy(path.join(args.outputDir, name.replace(/[/:]/g, '_') + '.npy'), results[name]);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  process.stdout.write(JSON.stringify({
    ort_version: require('onnxruntime-node/package.json').version,
    threads: args.threads > 0 ? args.threads : 'default',
    load_ms: loadMs, warmup: args.warmup, runs: args.runs,
    median_ms: median, min_ms: sorted[0], max_ms: sorted[sorted.length - 1],
    outputs: session.outputNames,
  }) + '\n');
}

main().catch((err) => fail(err && err.message ? err.message : String(err)));
