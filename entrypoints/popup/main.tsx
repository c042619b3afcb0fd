import { render } from 'preact';

render(<p>Alliance Lens</p>, document.getElementById('app')!);
