import { useState } from 'react';
import { mutate, useQuery } from '../api';
import type { Session } from '../auth';
import {
  CountStock,
  ReceiveStock,
  ReleaseReservation,
  Reservations,
  ReserveStock,
  TransferStock,
} from '../catalog-operations';
import { useI18n } from '../i18n/context';
import { ErrorText, Loaded, today } from '../ui';
import { ActionForm, field, mayMoveStock, mayReserve, useDecimalField } from './CatalogParts';
import type { Warehouse } from './Stock';

interface Product {
  id: string;
  sku: string;
  unit: string;
}

/**
 * What a person records for one product in one warehouse: the warehouse receives, counts and
 * transfers; sales and the warehouse reserve and release. Each form says what happened, and the
 * stock table is read again after it.
 */
export function StockActions({
  product,
  warehouse,
  warehouses,
  session,
  onChanged,
}: {
  product: Product;
  warehouse: Warehouse;
  warehouses: Warehouse[];
  session: Session;
  onChanged(): void;
}) {
  const { t, decimal, date } = useI18n();
  const decimalField = useDecimalField();
  const quantity = (form: FormData) => decimalField(form, 'quantity', t('catalog.quantity')) ?? '';
  const [reservationsKey, setReservationsKey] = useState(0);
  const base = { productId: product.id, warehouseId: warehouse.id };
  const done = (text: string) => {
    onChanged();
    return text;
  };

  if (!mayMoveStock(session) && !mayReserve(session))
    return <p className="not-visible">{t('stock.readOnly')}</p>;
  return (
    <>
      {mayMoveStock(session) && (
        <>
          <h3>{t('stock.receive')}</h3>
          <ActionForm
            label={t('stock.receive')}
            submit={t('stock.receiveSubmit')}
            send={async (form) => {
              const q = quantity(form);
              await mutate(ReceiveStock, {
                input: {
                  ...base,
                  quantity: q,
                  unitCost: decimalField(form, 'unitCost', t('stock.unitCost')),
                  reference: field(form, 'reference'),
                },
              });
              return done(t('stock.received', { quantity: `${decimal(q)} ${product.unit}` }));
            }}
          >
            <QuantityField />
            <label>
              {t('stock.unitCost')}
              <input name="unitCost" inputMode="decimal" />
            </label>
            <ReferenceField />
          </ActionForm>
          <h3>{t('stock.count')}</h3>
          <ActionForm
            label={t('stock.count')}
            submit={t('stock.countSubmit')}
            send={async (form) => {
              const counted = decimalField(form, 'counted', t('stock.counted')) ?? '';
              const { countStock } = await mutate(CountStock, {
                ...base,
                counted,
                reference: field(form, 'reference'),
              });
              const difference = countStock ? Number(countStock.quantity) : 0;
              return done(
                countStock
                  ? t('stock.countedOk', {
                      difference: `${difference > 0 ? '+' : ''}${decimal(countStock.quantity)} ${product.unit}`,
                    })
                  : t('stock.countMatched'),
              );
            }}
          >
            <label>
              {t('stock.counted')}
              <input name="counted" required inputMode="decimal" />
            </label>
            <ReferenceField />
          </ActionForm>
          {warehouses.length > 1 && (
            <>
              <h3>{t('stock.transfer')}</h3>
              <ActionForm
                label={t('stock.transfer')}
                submit={t('stock.transferSubmit')}
                send={async (form) => {
                  const q = quantity(form);
                  await mutate(TransferStock, {
                    input: {
                      productId: product.id,
                      fromWarehouseId: warehouse.id,
                      toWarehouseId: String(form.get('to')),
                      quantity: q,
                      reference: field(form, 'reference'),
                    },
                  });
                  return done(t('stock.transferred', { quantity: `${decimal(q)} ${product.unit}` }));
                }}
              >
                <label>
                  {t('stock.to')}
                  <select name="to" required>
                    {warehouses
                      .filter((w) => w.id !== warehouse.id)
                      .map((w) => (
                        <option key={w.id} value={w.id}>
                          {w.code} {w.name}
                        </option>
                      ))}
                  </select>
                </label>
                <QuantityField />
                <ReferenceField />
              </ActionForm>
            </>
          )}
        </>
      )}
      {mayReserve(session) && (
        <>
          <h3>{t('stock.reserve')}</h3>
          <ActionForm
            label={t('stock.reserve')}
            submit={t('stock.reserveSubmit')}
            send={async (form) => {
              const q = quantity(form);
              const holdUntil = field(form, 'holdUntil');
              const { reserveStock } = await mutate(ReserveStock, {
                input: { ...base, quantity: q, reference: field(form, 'reference') },
                // Held to the end of the chosen day where the user is; without one, the server's default.
                expiresAt: holdUntil ? new Date(`${holdUntil}T23:59:00`).toISOString() : null,
              });
              setReservationsKey((k) => k + 1);
              return done(
                t('stock.reservedOk', {
                  quantity: `${decimal(q)} ${product.unit}`,
                  date: date(String(reserveStock.expiresAt)),
                }),
              );
            }}
          >
            <QuantityField />
            <ReferenceField />
            <label>
              {t('stock.holdUntil')}
              <input name="holdUntil" type="date" min={today()} />
            </label>
          </ActionForm>
          <ReservationList
            key={reservationsKey}
            product={product}
            warehouseId={warehouse.id}
            onReleased={onChanged}
          />
        </>
      )}
    </>
  );
}

function QuantityField() {
  const { t } = useI18n();
  return (
    <label>
      {t('catalog.quantity')}
      <input name="quantity" required inputMode="decimal" />
    </label>
  );
}

function ReferenceField() {
  const { t } = useI18n();
  return (
    <label>
      {t('catalog.reference')}
      <input name="reference" />
    </label>
  );
}

/** The product's active reservations in this warehouse (sales sees the ones they made), each releasable. */
function ReservationList({
  product,
  warehouseId,
  onReleased,
}: {
  product: Product;
  warehouseId: string;
  onReleased(): void;
}) {
  const state = useQuery(Reservations, { productId: product.id });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const { t, decimal, date } = useI18n();

  async function release(id: string) {
    setError(null);
    setDone(null);
    try {
      await mutate(ReleaseReservation, { id });
      setDone(t('stock.releasedOk'));
      state.reload();
      onReleased();
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <>
      <h3>{t('stock.reservations')}</h3>
      <Loaded state={state} what={t('stock.theReservations')}>
        {(data) => {
          const here = data.reservations.filter((r) => r.warehouse.id === warehouseId);
          return here.length === 0 ? (
            <p>{t('stock.noReservations')}</p>
          ) : (
            <table data-testid="reservations">
              <thead>
                <tr>
                  <th scope="col">{t('catalog.reference')}</th>
                  <th scope="col" className="amount">
                    {t('catalog.quantity')}
                  </th>
                  <th scope="col">{t('stock.expires')}</th>
                  <th scope="col">{t('stock.by')}</th>
                  <th scope="col">{t('catalog.status')}</th>
                </tr>
              </thead>
              <tbody>
                {here.map((r) => (
                  <tr key={r.id}>
                    <td>{r.reference ?? '—'}</td>
                    <td className="amount">
                      {decimal(r.quantity)} {product.unit}
                    </td>
                    <td>{date(String(r.expiresAt))}</td>
                    <td>{r.createdBy ?? '—'}</td>
                    <td>
                      <button type="button" onClick={() => release(r.id)}>
                        {t('stock.release')}
                        <span className="visually-hidden">
                          {' '}
                          {t('stock.releaseOf', { reference: r.reference ?? r.id.slice(0, 8) })}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loaded>
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      <ErrorText error={error} />
    </>
  );
}
