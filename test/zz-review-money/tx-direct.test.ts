import { freshDatabase } from '../helpers/database';

test('non-tx write during an open interactive tx on sqlite', async () => {
  const { db } = await freshDatabase('sqlite');
  let outside: Promise<unknown> | undefined;
  await db.$transaction(async (tx) => {
    await tx.spendEntry.count();
    outside = db.idempotencyRecord.create({ data: { tokenId: 't', key: 'k', requestHash: 'h', state: 'IN_FLIGHT', createdAt: new Date() } });
    const r = await Promise.race([outside.then(() => 'done'), new Promise((res) => setTimeout(() => res('blocked'), 500))]);
    console.log('outside write while tx open:', r);
    throw new Error('rollback');
  }).catch((e: Error) => console.log('tx:', e.message));
  await outside;
  console.log('record after rollback:', await db.idempotencyRecord.count());
  await db.$disconnect();
});
