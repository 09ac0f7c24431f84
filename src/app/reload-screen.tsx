// The one screen for a failure the app cannot go on from (start-up, a render error): what happened in words, and
// one big reload button. The raw error is in the diagnostics view, never here.
export function ReloadScreen({
  title,
  body,
  reload,
  testId,
}: {
  title: string;
  body: string;
  reload: string;
  testId?: string;
}) {
  return (
    <div className="page" role="alert" data-testid={testId}>
      <h1>{title}</h1>
      <p>{body}</p>
      <button
        type="button"
        className="btn btn-primary btn-big"
        onClick={() => {
          window.location.reload();
        }}
      >
        {reload}
      </button>
    </div>
  );
}
