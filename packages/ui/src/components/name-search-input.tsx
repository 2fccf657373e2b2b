import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

/**
 * A search box that reports what the user typed once they pause (so the URL and the query follow
 * without a request per keystroke).
 */
export function NameSearchInput({
  value,
  onSearch,
  placeholder,
}: {
  value: string | undefined;
  onSearch: (text: string | undefined) => void;
  placeholder: string;
}) {
  const [text, setText] = useState(value ?? '');
  const report = useDebouncedCallback((next: string) => onSearch(next.trim() || undefined), 300);
  return (
    <TextInput
      placeholder={placeholder}
      aria-label={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      maw={360}
      data-testid="name-search"
      onChange={(event) => {
        setText(event.currentTarget.value);
        report(event.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            aria-label="Clear the search"
            size="sm"
            onClick={() => {
              setText('');
              onSearch(undefined);
            }}
          />
        ) : null
      }
    />
  );
}
