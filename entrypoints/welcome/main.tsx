import { mountPage } from '@/src/ui/mount-page';
import { updatedFrom } from '@/src/ui/welcome/release-notes';
import { Welcome } from '@/src/ui/welcome/welcome';

// Opened by the background after install, or after an update with `?updatedFrom=` (src/background/first-run.ts).
const previousVersion = updatedFrom(location.search);
mountPage(previousVersion ? 'whatsNew_title' : 'welcome_title', <Welcome updatedFrom={previousVersion} />);
