import { useEffect, useMemo } from 'preact/hooks'

/** A thumbnail of a Blob; the object URL is released when it goes away. */
export function BlobImage({ blob, alt, class: cls = 'thumb' }: { blob: Blob; alt: string; class?: string }) {
  const url = useMemo(() => URL.createObjectURL(blob), [blob])
  useEffect(() => () => URL.revokeObjectURL(url), [url])
  return <img class={cls} src={url} alt={alt} />
}
