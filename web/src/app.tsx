import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/layout';
import { AdminPage } from './pages/admin/admin-page';
import { AssetPage } from './pages/assets/asset-page';
import { AssetsPage } from './pages/assets/assets-page';
import { AuditPage } from './pages/audit/audit-page';
import { CaptureLayout } from './pages/capture/capture-layout';
import { CaptureJobPage, CaptureJobsPage, FingerprintRulesPage } from './pages/capture/lazy-pages';
import { GovernancePage } from './pages/governance/governance-page';
import { IntelLayout } from './pages/intel/intel-layout';
import { CollectionsPage, FeedsPage, IntelBrowserPage, IntelExtractPage, IntelImportPage, IntelObjectPage, PatternPage } from './pages/intel/lazy-pages';
import { KnowledgeLayout } from './pages/knowledge/knowledge-layout';
import { AttackPage, ImportsPage, KbFeedsPage, ProductPage, SearchPage, SubmitPage, VendorPage, VendorsPage, VulnerabilityPage } from './pages/knowledge/lazy-pages';
import { LoginPage } from './pages/login/login-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { OverviewPage } from './pages/overview/overview-page';
import { PlaybookPage, PlaybooksPage } from './pages/response/lazy-pages';
import { SituationPage } from './pages/situation/situation-page';
import { AdminOnly } from './session/admin-only';
import { RequireLogin } from './session/require-login';
import { SessionProvider } from './session/session-context';
import { ExposuresPage } from './pages/exposures/exposures-page';
import { EventsPage, SourcesPage } from './pages/events/lazy-pages';
import { BaselinePage, BaselinesPage } from './pages/baselines/lazy-pages';
import { NotificationsPage } from './pages/notifications/lazy-pages';
import { DetectionLayout } from './pages/detection/detection-layout';
import { AlertPage, AlertQueuePage, CoveragePage, RulesPage, RuleWorkbenchPage } from './pages/detection/lazy-pages';

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            element={
              <RequireLogin>
                <AppLayout />
              </RequireLogin>
            }
          >
            <Route index element={<OverviewPage />} />
            <Route path="assets" element={<AssetsPage />} />
            <Route path="assets/:id" element={<AssetPage />} />
            <Route path="exposures" element={<ExposuresPage />} />
            <Route path="knowledge" element={<KnowledgeLayout />}>
              <Route index element={<SearchPage />} />
              <Route path="vulnerabilities/:id" element={<VulnerabilityPage />} />
              <Route path="vendors" element={<VendorsPage />} />
              <Route path="vendors/:id" element={<VendorPage />} />
              <Route path="products" element={<ProductPage />} />
              <Route path="attack" element={<AttackPage />} />
              <Route path="imports" element={<ImportsPage />} />
              <Route path="feeds" element={<KbFeedsPage />} />
              <Route path="submit" element={<SubmitPage />} />
            </Route>
            <Route path="intel" element={<IntelLayout />}>
              <Route index element={<IntelBrowserPage />} />
              <Route path="objects/:id" element={<IntelObjectPage />} />
              <Route path="import" element={<IntelImportPage />} />
              <Route path="extract" element={<IntelExtractPage />} />
              <Route path="pattern" element={<PatternPage />} />
              <Route path="taxii" element={<CollectionsPage />} />
              <Route path="feeds" element={<FeedsPage />} />
            </Route>
            <Route path="capture" element={<CaptureLayout />}>
              <Route index element={<CaptureJobsPage />} />
              <Route path="fingerprints" element={<FingerprintRulesPage />} />
              <Route path=":id" element={<CaptureJobPage />} />
            </Route>
            <Route path="events" element={<EventsPage />} />
            <Route path="detection" element={<DetectionLayout />}>
              <Route index element={<AlertQueuePage />} />
              <Route path="alerts/:id" element={<AlertPage />} />
              <Route path="rules" element={<RulesPage />} />
              <Route path="rules/workbench" element={<RuleWorkbenchPage />} />
              <Route path="coverage" element={<CoveragePage />} />
            </Route>
            <Route path="baselines" element={<BaselinesPage />} />
            <Route path="baselines/:id" element={<BaselinePage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="sources" element={<SourcesPage />} />
            <Route path="situation" element={<SituationPage />} />
            <Route path="response" element={<PlaybooksPage />} />
            <Route path="response/playbooks/:id" element={<PlaybookPage />} />
            <Route path="governance" element={<GovernancePage />} />
            <Route path="admin" element={<AdminPage />} />
            <Route
              path="audit"
              element={
                <AdminOnly title="Audit log">
                  <AuditPage />
                </AdminOnly>
              }
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
