import { mountPage } from '@/src/ui/mount-page';
import { Inspector } from '@/src/ui/inspector';

mountPage('inspectorTitle', <Inspector />);
