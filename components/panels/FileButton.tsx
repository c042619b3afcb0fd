import { useRef, useState } from 'preact/hooks';

export interface FileButtonProps {
  /** The button's words, in the interface language (the browser's own file input speaks only the browser's). */
  label: string;
  accept: string;
  /** Describes what the file is for: the id of that text. */
  describedBy?: string;
  onFile(file: File): void;
}

/**
 * A file picker drawn as one of our buttons: the native input stays in the
 * page, hidden, and opens from the button. The chosen file's name is shown
 * beside it.
 */
export function FileButton({ label, accept, describedBy, onFile }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  return (
    <span class="file-button">
      <button type="button" aria-describedby={describedBy} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          setName(file.name);
          onFile(file);
          // The same file chosen again is read again.
          e.currentTarget.value = '';
        }}
      />
      {name && <span class="file-name muted">{name}</span>}
    </span>
  );
}
