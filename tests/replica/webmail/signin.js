// @ts-check
/**
 * The sign-in page: hands the `redirect` query parameter to the form (the server sends the user back there after a
 * successful POST /login) and shows the error banner when the page is opened with `?error=1` (the server may instead insert its own
 * `p.signin-error`, styled the same).
 */
const params = new URLSearchParams(location.search);

// The server usually fills the field itself; only a page served without it needs the query parameter copied in.
const redirect = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="redirect"]'));
if (redirect && !redirect.value && params.get('redirect')) redirect.value = params.get('redirect') ?? '';

if (params.get('error')) {
  const banner = /** @type {HTMLElement | null} */ (document.querySelector('.login-error'));
  if (banner) banner.hidden = false;
  document.querySelector('.login-form')?.classList.add('has-error');
}
