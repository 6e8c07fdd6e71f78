import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { DomainError, notFound } from '../errors.js';
import { isUuid } from '../graphql/pagination.js';

export interface LockOptions {
  /** The entity as the message names it ("IT agent"); the entity's class name by default. */
  name?: string;
  /** The input field that named the row, so the client can point at it. */
  field?: string;
}

/**
 * The row with this primary key, locked FOR UPDATE until the transaction ends; NOT_FOUND ("Employee
 * <id> does not exist") when there is none. An id that cannot be a UUID key matches no row, so it is
 * refused the same way instead of failing in SQL.
 */
export async function lockById<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  options: LockOptions = {},
): Promise<T> {
  const metadata = em.connection.getMetadata(entity);
  const [key] = metadata.primaryColumns;
  const row =
    key.type === 'uuid' && !isUuid(id)
      ? null
      : await em
          .getRepository(entity)
          .createQueryBuilder('row')
          .setLock('pessimistic_write')
          .where(`row.${key.propertyPath} = :id`, { id })
          .getOne();
  if (row) return row;
  const missing = notFound(options.name ?? metadata.name, id);
  throw options.field ? new DomainError(missing.code, missing.message, options.field) : missing;
}
