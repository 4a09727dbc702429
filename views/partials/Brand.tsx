// The team's brand on customer pages: logo and company name above the card, footer below it.
import { accentPath, logoPath, type Brand } from '../../src/domain/surveyDesign';
import { designWords } from '../../src/i18n/surveyText';
import type { Locale } from '../../src/i18n';

/** Extra stylesheets a branded page loads: with an accent colour, its theme. */
export const brandStyles = (brand: Brand) => (brand.accentColor ? [accentPath(brand.accentColor)] : []);

export function BrandHeader(p: { brand: Brand; company: string | null }) {
  if (!p.brand.logoHash && !p.company) return null;
  return (
    <header class="brand-header">
      {p.brand.logoHash ? <img src={logoPath(p.brand.logoHash)} alt={p.company ?? ''} height="40" /> : null}
      {p.company && !p.brand.logoHash ? <span>{p.company}</span> : null}
    </header>
  );
}

export function BrandFooter(p: { brand: Brand; locale: Locale }) {
  if (!p.brand.footerAddress && !p.brand.privacyUrl) return null;
  return (
    <footer class="brand-footer">
      {p.brand.footerAddress}
      {p.brand.footerAddress && p.brand.privacyUrl ? <br /> : null}
      {p.brand.privacyUrl ? <a href={p.brand.privacyUrl}>{designWords(p.locale).privacy}</a> : null}
    </footer>
  );
}
