import { useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import { CreateProduct, ProductList } from '../catalog-operations';
import { useI18n } from '../i18n/context';
import { useCursorPages } from '../pager';
import { navigate } from '../router';
import { ColumnHeads, Link, Loaded, Section, amountColumn } from '../ui';
import {
  ActionForm,
  CATALOG_READERS,
  field,
  isLow,
  LowStock,
  mayKeepCatalog,
  NotAllowed,
  useCatalogLanguage,
  useDecimalField,
  CatalogSearch,
} from './CatalogParts';

/** Products a page shows (the graph pages them by SKU). */
export const PRODUCT_PAGE = 10;
/** The VAT rates a product is created with: accounting's codes HIGH, LOW and ZERO. */
export const VAT_RATES = ['21', '9', '0'];

/** The catalogue: search by SKU or name and group, a page at a time; controllers add products. */
export function Products({ session }: { session: Session }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [group, setGroup] = useState('');
  const paging = useCursorPages(PRODUCT_PAGE);
  const language = useCatalogLanguage();
  const reader = hasRole(session, ...CATALOG_READERS);
  const filter = { ...(search ? { search } : {}), ...(group ? { productGroup: group } : {}) };
  const state = useQuery(
    ProductList,
    { first: PRODUCT_PAGE, after: paging.after, filter, language },
    { skip: !reader },
  );
  if (!reader) return <NotAllowed title="products.title" />;

  return (
    <>
      <h1 tabIndex={-1}>{t('products.title')}</h1>
      <search>
        <form className="filters" aria-label={t('catalog.filter')} onSubmit={(e) => e.preventDefault()}>
          <CatalogSearch
            value={search}
            onChange={(value) => {
              setSearch(value);
              paging.reset();
            }}
          />
          <label>
            {t('catalog.group')}
            <input
              value={group}
              onChange={(e) => {
                setGroup(e.target.value.toUpperCase());
                paging.reset();
              }}
            />
          </label>
        </form>
      </search>
      <div className="columns wide-first">
        <Section title={t('products.list')} id="product-list">
          <Loaded state={state} what={t('products.theProducts')}>
            {({ products }) => (
              <>
                <p aria-live="polite">{t('products.count', { count: products.totalCount })}</p>
                {products.edges.length > 0 && <ProductTable products={products.edges.map((e) => e.node)} />}
                {paging.pager(products.totalCount, products.pageInfo)}
              </>
            )}
          </Loaded>
        </Section>
        {mayKeepCatalog(session) && (
          <Section title={t('products.create')} id="product-create">
            <CreateProductForm />
          </Section>
        )}
      </div>
    </>
  );
}

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  unit: string;
  vatCode: string;
  productGroup?: string | null;
  active: boolean;
  available: string;
  reorderLevel?: string | null;
}

function ProductTable({ products }: { products: ProductRow[] }) {
  const { t, label, decimal } = useI18n();
  return (
    <table data-testid="products">
      <ColumnHeads
        columns={[
          t('catalog.sku'),
          t('catalog.name'),
          t('catalog.group'),
          t('catalog.vat'),
          amountColumn(t('catalog.available')),
          t('catalog.status'),
        ]}
      />
      <tbody>
        {products.map((p) => (
          <tr key={p.id} className={isLow(p) ? 'low-row' : undefined} data-testid="product-row">
            <td>
              <Link to={`/products/${p.id}`}>{p.sku}</Link>
            </td>
            <td>{p.name}</td>
            <td>{p.productGroup ?? '—'}</td>
            <td>{label('VatCode', p.vatCode)}</td>
            <td className="amount">
              {decimal(p.available)} {p.unit}{' '}
              {isLow(p) && <LowStock available={p.available} level={p.reorderLevel ?? '0'} />}
            </td>
            <td>{p.active ? t('catalog.active') : t('catalog.inactive')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A new product in both languages; it opens on its own page once made. */
function CreateProductForm() {
  const { t } = useI18n();
  const decimalField = useDecimalField();
  return (
    <ActionForm
      label={t('products.create')}
      submit={t('products.createSubmit')}
      send={async (form) => {
        const reorderLevel = decimalField(form, 'reorderLevel', t('catalog.reorderLevel'));
        const { createProduct } = await mutate(CreateProduct, {
          input: {
            sku: String(field(form, 'sku')).toUpperCase(),
            name: String(field(form, 'nameEn')),
            nameNl: field(form, 'nameNl'),
            unit: String(field(form, 'unit')),
            vatRate: String(form.get('vatRate')),
            productGroup: field(form, 'productGroup')?.toUpperCase() ?? null,
            reorderLevel,
          },
        });
        navigate(`/products/${createProduct.id}`);
        return t('catalog.saved');
      }}
    >
      <ProductFields />
    </ActionForm>
  );
}

/** The fields a product is made with (and edited by, with its current values). */
export function ProductFields({
  current,
}: {
  current?: {
    sku: string;
    nameEn: string;
    nameNl: string;
    unit: string;
    vatRate: string;
    productGroup?: string | null;
    reorderLevel?: string | null;
    active: boolean;
  };
}) {
  const { t } = useI18n();
  return (
    <>
      {!current && (
        <label>
          {t('catalog.sku')}
          <input name="sku" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]*" />
        </label>
      )}
      <label>
        {t('catalog.nameEn')}
        <input name="nameEn" required defaultValue={current?.nameEn} />
      </label>
      <label>
        {t('catalog.nameNl')}
        <input name="nameNl" lang="nl" defaultValue={current?.nameNl} />
      </label>
      <label>
        {t('catalog.unit')}
        <input name="unit" required defaultValue={current?.unit ?? 'piece'} />
      </label>
      <label>
        {t('catalog.vatRate')}
        <select name="vatRate" defaultValue={current ? String(Number(current.vatRate)) : '21'}>
          {VAT_RATES.map((rate) => (
            <option key={rate} value={rate}>
              {rate} %
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('catalog.group')}
        <input name="productGroup" defaultValue={current?.productGroup ?? ''} />
      </label>
      <label>
        {t('catalog.reorderLevel')}
        <input name="reorderLevel" inputMode="decimal" defaultValue={current?.reorderLevel ?? ''} />
      </label>
      {current && (
        <label>
          <input name="active" type="checkbox" defaultChecked={current.active} /> {t('catalog.active')}
        </label>
      )}
    </>
  );
}
