import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext, createApi } from './api.js';
import { App } from './App.js';
import { ThemeProvider } from './theme/ThemeProvider.js';
import { pickTransport } from './transport/pick.js';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ThemeProvider>
      <ApiContext.Provider value={createApi(pickTransport())}>
        <App />
      </ApiContext.Provider>
    </ThemeProvider>
  </StrictMode>,
);
