export function BrandMark({ size = 22 }: { readonly size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <path d="M16 2 4 6.5v8.2C4 22.3 9.1 28.2 16 30c6.9-1.8 12-7.7 12-15.3V6.5z" fill="#3b82f6" />
      <path d="M16 6.2 8 9.2v5.6c0 5.2 3.3 9.4 8 10.9z" fill="#fff" opacity=".85" />
    </svg>
  );
}
