import { createApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import { seedClients } from '../core/clients/clients.seed';
import { CLI_CONNECTION_ID, type CliCommand } from './cli-commands';
import { createDirectTransport } from './direct-transport';

const MAX_SEED_CLIENTS = 1_000_000;

/**
 * `npm run cli -- seed --dir D --clients N --user U`: fills a demonstration center (`init
 * --demonstration`) with synthetic clients, their consents, cases, plans and services (for
 * demonstrations, training and the benchmark); any other center is refused before anything is written. Signs in
 * like `call`; the user needs `clients.write` (receptionist) or `center.manage` (administrator).
 */
export const seedCommand: CliCommand = {
  usage: '--clients N --user U [--random-seed S]   (password from INSON_PASSWORD; only a center made with init --demonstration)',
  options: ['clients', 'user', 'random-seed'],
  async run(core, args, io) {
    const count = Number(args.options.clients);
    if (!Number.isInteger(count) || count < 1 || count > MAX_SEED_CLIENTS) {
      throw new AppError('BAD_REQUEST', { reason: 'usage', message: `seed needs --clients between 1 and ${MAX_SEED_CLIENTS}` });
    }
    const username = args.options.user;
    const password = args.env.INSON_PASSWORD;
    if (username === undefined || password === undefined || password === '') {
      throw new AppError('BAD_REQUEST', { reason: 'usage', message: 'seed needs --user and INSON_PASSWORD' });
    }
    const api = createApiClient(createDirectTransport(core, CLI_CONNECTION_ID));
    await api.invoke('auth.signIn', { username, password });
    const session = core.services.sessions.get(CLI_CONNECTION_ID);
    if (session === null) throw new AppError('UNAUTHENTICATED');
    if (!core.services.permissions.has(session.role, 'clients.write') && !core.services.permissions.has(session.role, 'center.manage')) {
      throw new AppError('FORBIDDEN', { permission: 'clients.write' });
    }
    const randomSeed = args.options['random-seed'] === undefined ? undefined : Number(args.options['random-seed']);
    let lastNote = 0;
    const result = await seedClients(core.services.store.require(), session.userId, {
      allowList: core.services.outboxAllowList,
      clients: count,
      ...(randomSeed !== undefined && Number.isFinite(randomSeed) ? { randomSeed } : {}),
      onProgress: (done, total) => {
        if (Date.now() - lastNote > 5_000 || done === total) {
          lastNote = Date.now();
          io.note(`seeded ${done} / ${total}`);
        }
      },
    });
    io.out(result);
    return 0;
  },
};
