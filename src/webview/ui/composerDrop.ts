// Files dropped on the composer (from the explorer: `text/uri-list`, in code-server also
// `application/vnd.code.uri-list`) go to the host as URIs; pasted or dropped images are read here as data URLs
// and sent to the host, which checks their type and size (a very large one is refused here already).
import type { WebviewToHost } from '../../protocol';
import { l10n } from '../pageL10n';

/** Beyond this the picture is not even read (the host's own limit is lower; it says so for those in between). */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const URI_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

export function urisFromTransfer(data: Pick<DataTransfer, 'getData' | 'types'>): string[] {
  for (const type of URI_TYPES) {
    if (!data.types.includes(type)) continue;
    const text = data.getData(type);
    let list: string[];
    try {
      const parsed: unknown = JSON.parse(text);
      list = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      list = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    }
    if (list.length > 0) return list.slice(0, 50);
  }
  return [];
}

function readImage(file: File, post: (m: WebviewToHost) => void, warn: (text: string) => void): void {
  if (file.size > MAX_IMAGE_BYTES) {
    warn(l10n.t('{0} is too large to send (more than 8 MB).', file.name || 'image'));
    return;
  }
  const reader = new FileReader();
  reader.onload = () => {
    if (typeof reader.result === 'string') post({ type: 'attach.image', name: file.name || 'pasted image', dataUrl: reader.result });
  };
  reader.readAsDataURL(file);
}

export function wireDropAndPaste(target: HTMLElement, input: HTMLTextAreaElement, post: (m: WebviewToHost) => void, warn: (text: string) => void): void {
  target.addEventListener('dragover', (event) => {
    if (!event.dataTransfer) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    target.classList.add('drop-target');
  });
  target.addEventListener('dragleave', () => target.classList.remove('drop-target'));
  target.addEventListener('drop', (event) => {
    target.classList.remove('drop-target');
    const data = event.dataTransfer;
    if (!data) return;
    const images = [...data.files].filter((f) => f.type.startsWith('image/'));
    const uris = urisFromTransfer(data);
    if (images.length === 0 && uris.length === 0) return; // plain text: the textarea's own drop
    event.preventDefault();
    for (const file of images) readImage(file, post, warn);
    if (images.length === 0 && uris.length > 0) post({ type: 'attach.uris', uris });
  });
  input.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.items ?? [])].filter((i) => i.kind === 'file' && i.type.startsWith('image/')).map((i) => i.getAsFile());
    if (files.length === 0) return; // text: pasted as usual
    event.preventDefault();
    for (const file of files) if (file) readImage(file, post, warn);
  });
}
