import { useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { ProductPage, ProductPrices, UpdateProduct } from '../catalog-operations';
import type { ConsoleProductQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { ColumnHeads, ErrorText, Link, Loaded, Section, amountColumn } from '../ui';
import {
  ActionForm,
  CATALOG_READERS,
  field,
  isLow,
  LowStock,
  mayKeepCatalog,
  mayMoveStock,
  NotAllowed,
  useCatalogLanguage,
  useDecimalField,
} from './CatalogParts';
import { PriceTable, usePriceApprovals } from './PriceTable';
import { ProductFields } from './Products';
import { mayReadStockLedger, StockLedger } from './StockLedger';

type Product = NonNullable<ConsoleProductQuery['product']>;
type PriceList = ConsoleProductQuery['priceLists'][number];

/** One product: its details (edited by controllers), its prices on a list, its stock per warehouse. */
export function ProductScreen({ id, session }: { id: string; session: Session }) {
  const { t } = useI18n();
  const language = useCatalogLanguage();
  const reader = hasRole(session, ...CATALOG_READERS);
  const state = useQuery(ProductPage, { id, language }, { skip: !reader });
  if (!reader) return <NotAllowed title="products.title" />;
  return (
    <Loaded state={state} what={t('products.theProduct')}>
      {({ product, priceLists }) =>
        !product ? (
          <>
            <h1 tabIndex={-1}>{t('products.notFound')}</h1>
            <ErrorText error={t('products.noSuch')} />
            <Link to="/products">{t('products.back')}</Link>
          </>
        ) : (
          <>
            <h1 tabIndex={-1}>
              {product.sku} {product.name}
            </h1>
            <p>
              <Link to="/products">{t('products.back')}</Link>
            </p>
            <div className="columns">
              <Details product={product} session={session} onSaved={state.reload} />
              <StockSection product={product} session={session} />
            </div>
            <PricesSection productId={product.id} priceLists={priceLists} session={session} />
            {mayReadStockLedger(session) && <StockLedger productId={product.id} unit={product.unit} />}
          </>
        )
      }
    </Loaded>
  );
}

function Details({ product, session, onSaved }: { product: Product; session: Session; onSaved(): void }) {
  const { t, label, decimal } = useI18n();
  const decimalField = useDecimalField();
  return (
    <Section title={t('products.details')} id="product-details">
      <dl className="totals" data-testid="product-details">
        <dt>{t('catalog.nameEn')}</dt>
        <dd>{product.nameEn}</dd>
        <dt>{t('catalog.nameNl')}</dt>
        <dd lang="nl">{product.nameNl}</dd>
        <dt>{t('catalog.unit')}</dt>
        <dd>{product.unit}</dd>
        <dt>{t('catalog.vat')}</dt>
        <dd>{label('VatCode', product.vatCode)}</dd>
        <dt>{t('catalog.group')}</dt>
        <dd>{product.productGroup ?? '—'}</dd>
        <dt>{t('catalog.reorderLevel')}</dt>
        <dd>{product.reorderLevel ? decimal(product.reorderLevel) : '—'}</dd>
        <dt>{t('catalog.status')}</dt>
        <dd>{product.active ? t('catalog.active') : t('catalog.inactive')}</dd>
      </dl>
      {mayKeepCatalog(session) && (
        <details>
          <summary>{t('products.edit')}</summary>
          <ActionForm
            label={t('products.edit')}
            submit={t('catalog.save')}
            send={async (form) => {
              await mutate(UpdateProduct, {
                id: product.id,
                input: {
                  nameEn: String(field(form, 'nameEn')),
                  nameNl: field(form, 'nameNl') ?? String(field(form, 'nameEn')),
                  unit: String(field(form, 'unit')),
                  vatRate: String(form.get('vatRate')),
                  productGroup: field(form, 'productGroup')?.toUpperCase() ?? null,
                  reorderLevel: decimalField(form, 'reorderLevel', t('catalog.reorderLevel')),
                  active: form.get('active') === 'on',
                },
              });
              onSaved();
              return t('catalog.saved');
            }}
          >
            <ProductFields current={product} />
          </ActionForm>
        </details>
      )}
    </Section>
  );
}

/** On hand, reserved and available per warehouse, and the total against the reorder level. */
function StockSection({ product, session }: { product: Product; session: Session }) {
  const { t, decimal } = useI18n();
  return (
    <Section title={t('products.stock')} id="product-stock">
      <p className={isLow(product) ? 'low-row' : undefined}>
        {t('products.totalAvailable', { available: `${decimal(product.available)} ${product.unit}` })}{' '}
        {isLow(product) && <LowStock available={product.available} level={product.reorderLevel ?? '0'} />}
      </p>
      {product.stock.length === 0 ? (
        <p>{t('products.noStock')}</p>
      ) : (
        <table data-testid="product-stock">
          <ColumnHeads
            columns={[
              t('catalog.warehouse'),
              amountColumn(t('catalog.onHand')),
              amountColumn(t('catalog.reserved')),
              amountColumn(t('catalog.available')),
            ]}
          />
          <tbody>
            {product.stock.map((level) => (
              <tr key={level.warehouse.id}>
                <th scope="row">
                  {level.warehouse.code} {level.warehouse.name}
                </th>
                <td className="amount">{decimal(level.onHand)}</td>
                <td className="amount">{decimal(level.reserved)}</td>
                <td className="amount">{decimal(level.available)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(mayMoveStock(session) || hasRole(session, 'sales')) && (
        <p>
          <Link to="/stock">{t('products.toStock')}</Link>
        </p>
      )}
    </Section>
  );
}

function PricesSection({
  productId,
  priceLists,
  session,
}: {
  productId: string;
  priceLists: PriceList[];
  session: Session;
}) {
  const { t } = useI18n();
  const [listId, setListId] = useState(priceLists[0]?.id ?? '');
  const state = useQuery(ProductPrices, { id: productId, priceListId: listId }, { skip: !listId });
  const { approvals } = usePriceApprovals(session, state.data?.product?.prices ?? []);
  return (
    <Section title={t('products.prices')} id="product-prices">
      {priceLists.length === 0 ? (
        <p>{t('products.noPriceLists')}</p>
      ) : (
        <>
          <label>
            {t('products.priceList')}{' '}
            <select value={listId} onChange={(e) => setListId(e.target.value)}>
              {priceLists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.currency})
                </option>
              ))}
            </select>
          </label>
          <Loaded state={state} what={t('products.thePrices')}>
            {(data) =>
              !data.product || data.product.prices.length === 0 ? (
                <p>{t('prices.none')}</p>
              ) : (
                <PriceTable prices={data.product.prices} approvals={approvals} />
              )
            }
          </Loaded>
        </>
      )}
    </Section>
  );
}
