import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkGraph } from '../compiler/check';
import type { Diagnostic } from '../compiler/diagnostics';
import { isQuantizationDtype, QUANTIZATION_DTYPES } from '../compiler/emit/quantize';
import { emitTypeScript } from '../compiler/emit/typescript';
import { publishedJsonSchema } from '../scripts/published-json-schema';
import { runCompileTfjs } from './compile-tfjs';
import { UsageError, writeFilesAtomically } from './files';
import { loadInput } from './load-input';
import { formatDiagnostics, formatSummary, jsonReport } from './report';
import { datasetDiagnostics } from '../runtime/check-dataset';
import { runPredict } from './predict';
import { datasetList, runTrain } from './train';

const USAGE = `Usage: layerwire <command> [options]

Commands:
  check FILE [--json] [--lang en|zh-CN]  check shapes and wiring; print problems and a summary
                                         (--lang: the language of the printed problems, English by default)
  compile FILE --target tfjs|ts -o OUT [--quantize uint8|float16] [--data NAME]
                                         write tfjs artifacts (OUT/model.json + weights) or TypeScript (OUT.ts);
                                         --quantize: weights as uint8 (1/4 the size) or float16 (1/2), read back by
                                         tf.loadLayersModel; prints the size before → after, and with --data the loss
                                         and metrics before → after on that dataset's validation split
  summary FILE                           print the model summary table
  import FILE -o graph.json              convert a Keras / tfjs model.json into a Layerwire graph
  train FILE -o DIR [--data NAME] [--epochs N] [--batch-size N] [--samples N] [--backend cpu|wasm] [--seed N]
                                         train on a built-in dataset (default: the graph's training.dataset);
        --data DATA.csv --label COL [--label COL2] [--features a,b,c]
                                         or on your own table: one output per label column, numeric features
                                         (all other columns by default)
        --data FOLDER|IMAGES.zip         or on your own PNG/JPEG images, one sub-folder per class, resized
                                         to the model's Input
                                         write DIR/model.json + weights and DIR/history.json (loss, metrics per epoch)
  predict DIR INPUT.json                 print the predictions of DIR/model.json for INPUT.json: an array of
                                         samples, or an object input name -> array of samples
  schema                                 print the GraphDocument JSON Schema

FILE is a Layerwire graph (.json) or a Keras / tfjs model.json (detected from its content).
train defaults: 3 epochs, batch 32, seed 1, backend wasm (cpu for models with convolutions, which wasm cannot train).
Datasets:
${datasetList()}
Exit codes: 0 ok, 1 the graph (or the imported model) has errors, 2 usage error or unreadable input.`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

function options(argv: string[], spec: ParseArgsConfig['options'] = {}) {
  try {
    return parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

const hasErrors = (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.severity === 'error');

const stringOption = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function oneFile(positionals: string[], command: string): string {
  if (positionals.length !== 1) throw new UsageError(`layerwire ${command} needs exactly one FILE\n\n${USAGE}`);
  return positionals[0]!;
}

/** A whole-number option such as `--epochs 3`; `fallback` when it is not given. */
function whole(value: unknown, name: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`${name} must be a whole number of at least ${min}, not '${String(value)}'`);
  return n;
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check': {
      const { values, positionals } = options(rest, { json: { type: 'boolean' }, lang: { type: 'string' } });
      const file = oneFile(positionals, 'check');
      const lang = values.lang ?? 'en';
      if (lang !== 'en' && lang !== 'zh-CN') throw new UsageError(`--lang must be en or zh-CN, not '${lang}'\n\n${USAGE}`);
      const input = loadInput(file);
      const result = checkGraph(input.document);
      const extra = [...input.importDiagnostics, ...datasetDiagnostics(result)];
      const report = jsonReport(result, extra);
      if (values.json) io.out(JSON.stringify(report, null, 2));
      else {
        const problems = formatDiagnostics(file, result, extra, lang);
        const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
        const warnings = report.diagnostics.length - errors;
        io.out([...problems, ...(problems.length ? [''] : []), ...formatSummary(result), '', `${file}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`].join('\n'));
      }
      return report.ok ? 0 : 1;
    }
    case 'summary': {
      const { positionals } = options(rest);
      const file = oneFile(positionals, 'summary');
      const result = checkGraph(loadInput(file).document);
      io.out(formatSummary(result).join('\n'));
      if (!result.ok) io.err(`${file}: the graph has errors; run \`layerwire check ${file}\` to see them`);
      return result.ok ? 0 : 1;
    }
    case 'compile': {
      const { values, positionals } = options(rest, { target: { type: 'string' }, out: { type: 'string', short: 'o' }, quantize: { type: 'string' }, data: { type: 'string' } });
      const file = oneFile(positionals, 'compile');
      if (values.target !== 'tfjs' && values.target !== 'ts') throw new UsageError(`layerwire compile needs --target tfjs or --target ts\n\n${USAGE}`);
      if (values.quantize !== undefined && !isQuantizationDtype(values.quantize)) throw new UsageError(`--quantize must be ${QUANTIZATION_DTYPES.join(' or ')}, not '${values.quantize}'\n\n${USAGE}`);
      if (values.quantize !== undefined && values.target !== 'tfjs') throw new UsageError(`--quantize applies to --target tfjs: TypeScript source carries no weights\n\n${USAGE}`);
      if (values.data !== undefined && values.quantize === undefined) throw new UsageError(`--data compares the float model with the quantized one; give --quantize uint8|float16 too\n\n${USAGE}`);
      const out = stringOption(values.out);
      if (!out) throw new UsageError(`layerwire compile needs -o OUT\n\n${USAGE}`);
      const input = loadInput(file);
      const result = checkGraph(input.document);
      if (!result.ok || hasErrors(input.importDiagnostics)) {
        io.err(formatDiagnostics(file, result, input.importDiagnostics).join('\n'));
        io.err(`${file}: not compiled: ${result.ok ? 'the import has errors' : 'the graph has errors'}`);
        return 1;
      }
      if (values.target === 'ts') {
        const emitted = emitTypeScript(result);
        if (!emitted.ok) throw new UsageError(emitted.diagnostics.map((d) => `${file}: ${d.message}`).join('\n'));
        writeFilesAtomically([{ path: out, data: emitted.source }]);
        io.out(`wrote ${out}`);
        return 0;
      }
      return runCompileTfjs({ file, out, quantize: values.quantize, data: stringOption(values.data) }, result, io);
    }
    case 'import': {
      const { values, positionals } = options(rest, { out: { type: 'string', short: 'o' } });
      const file = oneFile(positionals, 'import');
      const out = stringOption(values.out);
      if (!out) throw new UsageError(`layerwire import needs -o graph.json\n\n${USAGE}`);
      const input = loadInput(file);
      const result = checkGraph(input.document);
      const problems = formatDiagnostics(file, result, input.importDiagnostics);
      if (problems.length) io.err(problems.join('\n'));
      if (hasErrors(input.importDiagnostics)) {
        io.err(`${file}: not imported: ${out} would not hold the whole model`);
        return 1;
      }
      writeFilesAtomically([{ path: out, data: `${JSON.stringify(input.document, null, 2)}\n` }]);
      io.out(`wrote ${out}: ${input.document.nodes.length} nodes, ${result.totals.params.toLocaleString('en-US')} parameters${result.ok ? '' : ' (the graph has errors, kept as imported)'}`);
      return 0;
    }
    case 'train': {
      const { values, positionals } = options(rest, {
        out: { type: 'string', short: 'o' },
        data: { type: 'string' },
        label: { type: 'string', multiple: true },
        features: { type: 'string' },
        epochs: { type: 'string' },
        'batch-size': { type: 'string' },
        samples: { type: 'string' },
        backend: { type: 'string' },
        seed: { type: 'string' },
      });
      const file = oneFile(positionals, 'train');
      const out = stringOption(values.out);
      if (!out) throw new UsageError(`layerwire train needs -o DIR\n\n${USAGE}`);
      const backend = values.backend ?? 'wasm';
      if (backend !== 'cpu' && backend !== 'wasm') throw new UsageError(`--backend must be cpu or wasm, not '${backend}'`);
      return runTrain(
        {
          file,
          out,
          data: stringOption(values.data),
          labels: Array.isArray(values.label) ? values.label.filter((l): l is string => typeof l === 'string') : [],
          features: typeof values.features === 'string' ? values.features.split(',').map((name) => name.trim()) : undefined,
          epochs: whole(values.epochs, '--epochs', 3),
          batchSize: whole(values['batch-size'], '--batch-size', 32),
          samples: values.samples === undefined ? undefined : whole(values.samples, '--samples', 0),
          backend,
          seed: whole(values.seed, '--seed', 1, 0),
        },
        io,
      );
    }
    case 'predict': {
      const { positionals } = options(rest);
      if (positionals.length !== 2) throw new UsageError(`layerwire predict needs DIR and INPUT.json\n\n${USAGE}`);
      return runPredict(positionals[0]!, positionals[1]!, io);
    }
    case 'schema': {
      options(rest);
      io.out(publishedJsonSchema().trimEnd());
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'\n\n${USAGE}`);
  }
}
