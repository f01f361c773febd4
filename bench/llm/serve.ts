/**
 * The local OpenAI-compatible test server as its own process, for the generation benchmark: the
 * server's CPU then does not count against the client being measured (2 cores here).
 *   npx tsx bench/llm/serve.ts [--latency 200]   → prints its base URL on the first line of stdout
 */
import { startOpenAiTestServer } from '../../src/llm/testing/openai-test-server.js';
import { argument } from '../bench-args.js';

const server = await startOpenAiTestServer({ latencyMs: Number(argument('latency', '200')) });
process.stdout.write(`${server.url}\n`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
