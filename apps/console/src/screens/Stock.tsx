import { useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { CreateWarehouse, StockList, Warehouses } from '../catalog-operations';
import type { ConsoleStockQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { useCursorPages } from '../pager';
import { ColumnHeads, Link, Loaded, Section, amountColumn } from '../ui';
import {
  ActionForm,
  CATALOG_READERS,
  field,
  isLow,
  LowStock,
  mayMoveStock,
  NotAllowed,
  useCatalogLanguage,
  CatalogSearch,
} from './CatalogParts';
import { PRODUCT_PAGE } from './Products';
import { StockActions } from './StockActions';

export interface Warehouse {
  id: string;
  code: string;
  name: string;
}
type StockRow = ConsoleStockQuery['products']['edges'][number]['node'];

/**
 * Stock per warehouse: each product's level in the chosen warehouse, low stock marked (available over
 * all warehouses below the reorder level, what the low-stock event is about), and for the product
 * chosen the movements the user's role may record.
 */
export function StockScreen({ session }: { session: Session }) {
  const { t } = useI18n();
  const reader = hasRole(session, ...CATALOG_READERS);
  const warehouses = useQuery(Warehouses, undefined, { skip: !reader });
  if (!reader) return <NotAllowed title="stock.title" />;
  return (
    <>
      <h1 tabIndex={-1}>{t('stock.title')}</h1>
      <Loaded state={warehouses} what={t('stock.theWarehouses')}>
        {(data) => (
          <>
            {data.warehouses.length === 0 ? (
              <p>{t('stock.noWarehouses')}</p>
            ) : (
              <WarehouseStock warehouses={data.warehouses} session={session} />
            )}
            {mayMoveStock(session) && (
              <Section title={t('stock.createWarehouse')} id="warehouse-create">
                <CreateWarehouseForm onCreated={warehouses.reload} />
              </Section>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}

function WarehouseStock({ warehouses, session }: { warehouses: Warehouse[]; session: Session }) {
  const { t } = useI18n();
  const [warehouseId, setWarehouseId] = useState(warehouses[0].id);
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const paging = useCursorPages(PRODUCT_PAGE);
  const language = useCatalogLanguage();
  const state = useQuery(StockList, {
    first: PRODUCT_PAGE,
    after: paging.after,
    filter: search ? { search } : {},
    language,
  });
  const warehouse = warehouses.find((w) => w.id === warehouseId) ?? warehouses[0];
  const selected = state.data?.products.edges.find((e) => e.node.id === selectedId)?.node;
  return (
    <>
      <search>
        <form className="filters" aria-label={t('catalog.filter')} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('catalog.warehouse')}
            <select value={warehouse.id} onChange={(e) => setWarehouseId(e.target.value)}>
              {warehouses.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.code} {w.name}
                </option>
              ))}
            </select>
          </label>
          <CatalogSearch
            value={search}
            onChange={(value) => {
              setSearch(value);
              paging.reset();
            }}
          />
        </form>
      </search>
      <div className="columns wide-first">
        <Section title={t('stock.in', { warehouse: warehouse.code })} id="warehouse-stock">
          <Loaded state={state} what={t('stock.theStock')}>
            {({ products }) => (
              <>
                <p aria-live="polite">{t('products.count', { count: products.totalCount })}</p>
                {products.edges.length > 0 && (
                  <StockTable
                    rows={products.edges.map((e) => e.node)}
                    warehouseId={warehouse.id}
                    onSelect={setSelectedId}
                    selectedId={selectedId}
                  />
                )}
                {paging.pager(products.totalCount, products.pageInfo)}
              </>
            )}
          </Loaded>
        </Section>
        {selected && (
          <Section
            title={t('stock.selected', { sku: selected.sku, warehouse: warehouse.code })}
            id="stock-actions"
          >
            <StockActions
              key={`${selected.id}-${warehouse.id}`}
              product={selected}
              warehouse={warehouse}
              warehouses={warehouses}
              session={session}
              onChanged={state.reload}
            />
          </Section>
        )}
      </div>
    </>
  );
}

function StockTable({
  rows,
  warehouseId,
  selectedId,
  onSelect,
}: {
  rows: StockRow[];
  warehouseId: string;
  selectedId: string | null;
  onSelect(id: string): void;
}) {
  const { t, decimal } = useI18n();
  return (
    <table data-testid="stock">
      <ColumnHeads
        columns={[
          t('catalog.sku'),
          t('catalog.name'),
          amountColumn(t('catalog.onHand')),
          amountColumn(t('catalog.reserved')),
          amountColumn(t('catalog.available')),
          amountColumn(t('catalog.reorderLevel')),
          t('catalog.status'),
        ]}
      />
      <tbody>
        {rows.map((p) => {
          const level = p.stock.find((s) => s.warehouse.id === warehouseId);
          return (
            <tr key={p.id} className={isLow(p) ? 'low-row' : undefined} data-testid="stock-row">
              <th scope="row">
                <Link to={`/products/${p.id}`}>{p.sku}</Link>
              </th>
              <td>{p.name}</td>
              <td className="amount">{decimal(level?.onHand ?? '0')}</td>
              <td className="amount">{decimal(level?.reserved ?? '0')}</td>
              <td className="amount">{decimal(level?.available ?? '0')}</td>
              <td className="amount">{p.reorderLevel ? decimal(p.reorderLevel) : '—'}</td>
              <td>
                {isLow(p) && <LowStock available={p.available} level={p.reorderLevel ?? '0'} />}{' '}
                <button type="button" aria-pressed={p.id === selectedId} onClick={() => onSelect(p.id)}>
                  {t('stock.select')}
                  <span className="visually-hidden"> {t('stock.selectOf', { sku: p.sku })}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CreateWarehouseForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  return (
    <ActionForm
      label={t('stock.createWarehouse')}
      submit={t('stock.createWarehouseSubmit')}
      send={async (form) => {
        await mutate(CreateWarehouse, {
          code: String(field(form, 'code')).toUpperCase(),
          name: String(field(form, 'name')),
        });
        onCreated();
        return t('catalog.saved');
      }}
    >
      <label>
        {t('stock.code')}
        <input name="code" required pattern="[A-Za-z0-9\-]{1,16}" />
      </label>
      <label>
        {t('catalog.name')}
        <input name="name" required />
      </label>
    </ActionForm>
  );
}
