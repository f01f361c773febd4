import type { Store, Transaction } from '../../store.js';

/**
 * A store whose transactions throw inside `bulkInsert` when `shouldFail(table, call)` says so
 * (call counts bulkInserts from 1), to prove an import leaves nothing behind when it fails.
 */
export function failingStore(inner: Store, shouldFail: (table: string, call: number) => boolean): Store {
  let calls = 0;
  const wrapTx = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get(target, property) {
        if (property === 'bulkInsert') {
          return async (...args: Parameters<Transaction['bulkInsert']>) => {
            calls += 1;
            if (shouldFail(args[0], calls)) throw new Error('injected failure: disk full');
            return target.bulkInsert(...args);
          };
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(work: (tx: Transaction) => Promise<T>) => target.transaction((tx) => work(wrapTx(tx)));
      }
      const value = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
