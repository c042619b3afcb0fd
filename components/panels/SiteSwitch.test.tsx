import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { settingsItem } from '@/lib/settings';
import { SiteSwitch } from './SiteSwitch';

describe('SiteSwitch', () => {
  it('switches highlighting off and on for the site, through the stored settings, and follows changes made elsewhere', async () => {
    render(<SiteSwitch url="https://news.example/story" />);
    const toggle = await screen.findByRole('switch');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(toggle);
    await expect.poll(async () => (await settingsItem.getValue()).disabledSites).toEqual(['news.example']);
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('false');
    // Another page (the dashboard's settings) turns highlighting off everywhere.
    await settingsItem.setValue({ ...(await settingsItem.getValue()), enabled: false });
    await expect.poll(() => (toggle as HTMLButtonElement).disabled).toBe(true);
  });
});
