import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loginOptions } from './auth';
import { I18nProvider } from './i18n/context';
import './styles.css';

// The gateway's config says the company's country, which picks the language before the first paint.
loginOptions().then(({ country }) =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <I18nProvider country={country}>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
