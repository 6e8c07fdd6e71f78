import { type FormEvent, useState } from 'react';
import { useQuery } from '../api';
import { useI18n } from '../i18n/context';
import { Accounts, GeneralLedger } from '../operations';
import { useCursorPages } from '../pager';
import { ErrorText, Loaded, Section, today } from '../ui';

/** Lines a page of the general ledger shows (the graph pages them). */
const LEDGER_PAGE = 20;

/** One account's lines over a range, oldest first, with the running balance, a page at a time. */
export function GeneralLedgerSection() {
  const accounts = useQuery(Accounts);
  const year = today().slice(0, 4);
  const [wanted, setWanted] = useState<{ accountCode: string; from: string; to: string } | null>(null);
  const paging = useCursorPages(LEDGER_PAGE);
  const state = useQuery(
    GeneralLedger,
    { ...(wanted ?? { accountCode: '', from: '', to: '' }), first: LEDGER_PAGE, after: paging.after },
    { skip: !wanted },
  );
  const { t, money, shortDate, failure } = useI18n();

  function show(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    paging.reset();
    setWanted({
      accountCode: String(form.get('account')),
      from: String(form.get('from')),
      to: String(form.get('to')),
    });
  }

  return (
    <Section title={t('reports.generalLedger')} id="general-ledger">
      <form className="filters" onSubmit={show} aria-label={t('reports.generalLedger')}>
        <label>
          {t('reports.account')}
          <select name="account" required defaultValue="">
            <option value="" disabled>
              {t('ledger.chooseAccount')}
            </option>
            {(accounts.data?.accounts ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.code} {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.from')}
          <input name="from" type="date" defaultValue={`${year}-01-01`} required />
        </label>
        <label>
          {t('reports.to')}
          <input name="to" type="date" defaultValue={today()} required />
        </label>
        <button type="submit">{t('reports.show')}</button>
      </form>
      {accounts.error && (
        <ErrorText
          error={`${t('common.loadFailed', { what: t('reports.theAccounts') })}: ${failure(accounts.error).message}`}
        />
      )}
      {wanted && (
        <Loaded state={state} what={t('reports.theGeneralLedger')}>
          {({ generalLedger: gl }) => {
            const account = `${gl.accountCode} ${gl.accountName}`;
            return (
              <>
                <p aria-live="polite">
                  {account}: {t('reports.lines', { count: gl.totalCount })}
                </p>
                <table data-testid="general-ledger">
                  <caption className="visually-hidden">
                    {t('reports.generalLedger')} {account}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('ledger.date')}</th>
                      <th scope="col">{t('ledger.number')}</th>
                      <th scope="col">{t('ledger.description')}</th>
                      <th scope="col" className="amount">
                        {t('ledger.debit')}
                      </th>
                      <th scope="col" className="amount">
                        {t('ledger.credit')}
                      </th>
                      <th scope="col" className="amount">
                        {t('ledger.balance')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {paging.page === 0 && (
                      <tr>
                        <th scope="row" colSpan={5}>
                          {t('reports.opening')}
                        </th>
                        <td className="amount">{money(gl.openingBalance)}</td>
                      </tr>
                    )}
                    {gl.edges.length === 0 && (
                      <tr>
                        <td colSpan={6}>{t('reports.noLines', { account })}</td>
                      </tr>
                    )}
                    {gl.edges.map(({ node: line }) => (
                      <tr key={`${line.entryId}-${line.lineNo}`} data-testid="ledger-line">
                        <td>{shortDate(line.date)}</td>
                        <td>{line.number}</td>
                        <td>{line.description}</td>
                        <td className="amount">{Number(line.debit) ? money(line.debit) : ''}</td>
                        <td className="amount">{Number(line.credit) ? money(line.credit) : ''}</td>
                        <td className="amount">{money(line.runningBalance)}</td>
                      </tr>
                    ))}
                  </tbody>
                  {!gl.pageInfo.hasNextPage && (
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={3}>
                          {t('reports.closing')}
                        </th>
                        <td className="amount">{money(gl.totalDebit)}</td>
                        <td className="amount">{money(gl.totalCredit)}</td>
                        <td className="amount">
                          <strong>{money(gl.closingBalance)}</strong>
                        </td>
                      </tr>
                    </tfoot>
                  )}
                </table>
                {paging.pager(gl.totalCount, gl.pageInfo)}
              </>
            );
          }}
        </Loaded>
      )}
    </Section>
  );
}
