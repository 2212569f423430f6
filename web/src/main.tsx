import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createQueryClient } from './lib/query-client';
import { applyStoredTheme } from './lib/theme';
import './styles.css';
import './knowledge.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks the #root element');

applyStoredTheme();
const queryClient = createQueryClient();

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
