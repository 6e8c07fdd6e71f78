import { useState } from 'react';
import { mutate, useQuery } from '../api';
import { hasRole, type Session } from '../auth';
import {
  CreatePriceList,
  PriceListProducts,
  PriceLists as PriceListsQuery,
  SetPrice,
} from '../catalog-operations';
import type { ConsolePriceListProductsQuery } from '../generated/graphql';
import { useI18n } from '../i18n/context';
import { useCursorPages } from '../pager';
import { navigate } from '../router';
import { amountColumn, ColumnHeads, ErrorText, Link, Loaded, Section, today } from '../ui';
import {
  ActionForm,
  CATALOG_READERS,
  field,
  mayKeepCatalog,
  NotAllowed,
  useCatalogLanguage,
  useDecimalField,
  CatalogSearch,
} from './CatalogParts';
import { type PriceApproval, PriceCells, byBreakAndDate, usePriceApprovals } from './PriceTable';
import { PRODUCT_PAGE } from './Products';

interface PriceList {
  id: string;
  name: string;
  currency: string;
}
type ProductPrices = ConsolePriceListProductsQuery['products']['edges'][number]['node'];

/** The price lists and, for the one chosen (`listId`), every product's prices on it; controllers set them. */
export function PriceListsScreen({ session, listId }: { session: Session; listId?: string }) {
  const { t } = useI18n();
  const reader = hasRole(session, ...CATALOG_READERS);
  const state = useQuery(PriceListsQuery, undefined, { skip: !reader });
  if (!reader) return <NotAllowed title="priceLists.title" />;
  return (
    <>
      <h1 tabIndex={-1}>{t('priceLists.title')}</h1>
      <Loaded state={state} what={t('priceLists.theLists')}>
        {({ priceLists }) => {
          const chosen = priceLists.find((l) => l.id === listId);
          return (
            <>
              <div className="columns wide-first">
                <Section title={t('priceLists.title')} id="price-lists">
                  <ListTable lists={priceLists} chosen={chosen?.id} />
                </Section>
                {mayKeepCatalog(session) && (
                  <Section title={t('priceLists.create')} id="price-list-create">
                    <CreateListForm />
                  </Section>
                )}
              </div>
              {listId && !chosen && <ErrorText error={t('priceLists.notFound')} />}
              {chosen && <ListPrices key={chosen.id} list={chosen} session={session} />}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function ListTable({ lists, chosen }: { lists: PriceList[]; chosen?: string }) {
  const { t } = useI18n();
  if (lists.length === 0) return <p>{t('priceLists.none')}</p>;
  return (
    <>
      <table data-testid="price-lists">
        <thead>
          <tr>
            <th scope="col">{t('catalog.name')}</th>
            <th scope="col">{t('priceLists.currency')}</th>
          </tr>
        </thead>
        <tbody>
          {lists.map((l) => (
            <tr key={l.id}>
              <td>
                <Link to={`/price-lists/${l.id}`} aria-current={l.id === chosen ? 'page' : undefined}>
                  {l.name}
                </Link>
              </td>
              <td>{l.currency}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!chosen && <p>{t('priceLists.chooseList')}</p>}
    </>
  );
}

function CreateListForm() {
  const { t } = useI18n();
  return (
    <ActionForm
      label={t('priceLists.create')}
      submit={t('priceLists.createSubmit')}
      send={async (form) => {
        const { createPriceList } = await mutate(CreatePriceList, {
          name: String(field(form, 'name')),
          currency: String(field(form, 'currency')).toUpperCase(),
        });
        navigate(`/price-lists/${createPriceList.id}`);
        return t('catalog.saved');
      }}
    >
      <label>
        {t('catalog.name')}
        <input name="name" required />
      </label>
      <label>
        {t('priceLists.currency')}
        <input name="currency" required defaultValue="EUR" pattern="[A-Za-z]{3}" />
      </label>
    </ActionForm>
  );
}

/** A page of products with their prices on the list, searchable; a controller sets a price for one of them. */
function ListPrices({ list, session }: { list: PriceList; session: Session }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const paging = useCursorPages(PRODUCT_PAGE);
  const language = useCatalogLanguage();
  const state = useQuery(PriceListProducts, {
    priceListId: list.id,
    first: PRODUCT_PAGE,
    after: paging.after,
    filter: search ? { search } : {},
    language,
  });
  const products = state.data?.products.edges.map((e) => e.node) ?? [];
  const approvals = usePriceApprovals(
    session,
    products.flatMap((p) => p.prices),
  );
  return (
    <div className="columns wide-first">
      <Section title={t('priceLists.pricesOn', { name: list.name })} id="list-prices">
        <CatalogSearch
          value={search}
          onChange={(value) => {
            setSearch(value);
            paging.reset();
          }}
        />
        <Loaded state={state} what={t('products.thePrices')}>
          {(data) => (
            <>
              <p aria-live="polite">{t('products.count', { count: data.products.totalCount })}</p>
              {products.length > 0 && <ListPriceTable products={products} approvals={approvals.approvals} />}
              {paging.pager(data.products.totalCount, data.products.pageInfo)}
            </>
          )}
        </Loaded>
      </Section>
      {mayKeepCatalog(session) && (
        <Section title={t('prices.set')} id="price-set">
          <SetPriceForm
            list={list}
            products={products}
            onSet={() => {
              state.reload();
              approvals.reload();
            }}
          />
        </Section>
      )}
    </div>
  );
}

function ListPriceTable({
  products,
  approvals,
}: {
  products: ProductPrices[];
  approvals: Map<string, PriceApproval>;
}) {
  const { t } = useI18n();
  return (
    <table data-testid="list-prices">
      <ColumnHeads
        columns={[
          t('prices.product'),
          amountColumn(t('prices.fromQuantity')),
          t('prices.validFrom'),
          t('prices.validTo'),
          amountColumn(t('prices.net')),
          amountColumn(t('prices.withVat')),
          t('catalog.status'),
        ]}
      />
      <tbody>
        {products.flatMap((product) => {
          const name = (
            <th scope="row">
              <Link to={`/products/${product.id}`}>{product.sku}</Link> {product.name}
            </th>
          );
          if (product.prices.length === 0)
            return [
              <tr key={product.id}>
                {name}
                <td colSpan={6}>{t('prices.noneFor')}</td>
              </tr>,
            ];
          return [...product.prices].sort(byBreakAndDate).map((p) => (
            <tr key={p.id} data-testid="price-row">
              {name}
              <PriceCells price={p} approvals={approvals} />
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}

/** A dated price from a quantity on; a change beyond the percentage is kept waiting by the server. */
function SetPriceForm({
  list,
  products,
  onSet,
}: {
  list: PriceList;
  products: ProductPrices[];
  onSet(): void;
}) {
  const { t, date } = useI18n();
  const decimalField = useDecimalField();
  return (
    <ActionForm
      label={t('prices.set')}
      submit={t('prices.setSubmit')}
      testId="set-price"
      send={async (form) => {
        const validFrom = String(form.get('validFrom'));
        const { setPrice } = await mutate(SetPrice, {
          input: {
            productId: String(form.get('productId')),
            priceListId: list.id,
            amount: decimalField(form, 'amount', t('prices.amount')) ?? '',
            minQuantity: decimalField(form, 'minQuantity', t('prices.fromQuantity')),
            validFrom,
            validTo: field(form, 'validTo'),
          },
        });
        onSet();
        return setPrice.status === 'PENDING_APPROVAL'
          ? t('prices.setPending')
          : t('prices.setOk', { date: date(validFrom) });
      }}
    >
      <label>
        {t('prices.product')}
        <select name="productId" required defaultValue="">
          <option value="" disabled>
            {t('prices.chooseProduct')}
          </option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.sku} {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('prices.amount')} ({list.currency})
        <input name="amount" required inputMode="decimal" />
      </label>
      <label>
        {t('prices.fromQuantity')}
        <input name="minQuantity" inputMode="decimal" defaultValue="1" />
      </label>
      <label>
        {t('prices.validFrom')}
        <input name="validFrom" type="date" required defaultValue={today()} />
      </label>
      <label>
        {t('prices.validTo')}
        <input name="validTo" type="date" />
      </label>
    </ActionForm>
  );
}
