import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { CaptureJob } from '../../../api/types';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreFooter } from '../../../components/load-more-footer';
import { NoticeBanner } from '../../../components/notice-banner';
import { PageHeader } from '../../../components/page-header';
import { canWrite, useMe } from '../../../session/session-context';
import { capturePath } from '../paths';
import { JobsTable } from './jobs-table';
import { UploadForm } from './upload-form';
import { useCaptureJobs } from './use-capture-jobs';

export function CaptureJobsPage() {
  const me = useMe();
  const writer = canWrite(me.role);
  const list = useCaptureJobs();
  const [uploaded, setUploaded] = useState<CaptureJob | null>(null);

  function onUploaded(job: CaptureJob) {
    list.add(job);
    setUploaded(job);
  }

  return (
    <>
      <PageHeader
        title="Capture jobs"
        description="Packet captures from SPAN ports and taps, analysed passively: the devices on the wire, who talks to whom, and every industrial operation."
      />
      {writer ? (
        <section className="card">
          <h2 className="card-title">Analyse a capture</h2>
          <UploadForm onUploaded={onUploaded} />
        </section>
      ) : null}
      {uploaded === null ? null : (
        <NoticeBanner onDismiss={() => setUploaded(null)}>
          Uploaded {uploaded.name}; analysis follows below. <Link to={capturePath(uploaded.id)}>Open the job</Link>
        </NoticeBanner>
      )}
      <ErrorBanner error={list.error} title="Could not load capture jobs." />
      <section className="card card-flush">
        {list.items.length === 0 && !list.loading && list.error === null ? (
          <EmptyState title="No captures analysed yet.">
            {writer
              ? 'Upload a pcap or pcapng file recorded on a SPAN port or tap; the analysis never sends a packet into the process network.'
              : `Nothing has been shared with you yet. You are signed in as ${me.role}; an analyst or administrator can upload captures.`}
          </EmptyState>
        ) : (
          <JobsTable jobs={list.items} loading={list.loading} />
        )}
        <LoadMoreFooter list={list} testId="jobs-count">
          {list.items.length} shown{list.nextCursor === null ? '' : ', more available'}
        </LoadMoreFooter>
      </section>
    </>
  );
}
